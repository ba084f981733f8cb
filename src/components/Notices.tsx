import { useEffect } from 'react';
import { useAppStore } from './StoreContext';

/** An information notice goes away by itself after this long; warnings and errors stay until dismissed. */
export const INFO_NOTICE_MS = 10_000;

/** Messages the user must see: ignored URL fields, restarted workers, failed computations. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  useEffect(() => {
    const timers = notices.filter((n) => n.level === 'info').map((n) => setTimeout(() => dismiss(n.id), INFO_NOTICE_MS));
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`} data-level={n.level}>
          <span>{n.text}</span>
          <button aria-label="Dismiss" onClick={() => dismiss(n.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
