import { describe, expect, it } from 'vitest';
import { directionsNote } from '../../src/components/directionsNote';

describe('directionsNote: what the rides charts name when the rides do not follow ridges', () => {
  it('says nothing for Ridge Rider, and names the reference and the tree positions otherwise', () => {
    expect(directionsNote('eigen')).toBeNull();
    const gradient = directionsNote('gradient')!;
    expect(gradient).toMatch(/steepest descent/);
    expect(gradient).toMatch(/−∇L\/‖∇L‖/);
    expect(gradient).toMatch(/places in that tree, not ridges/);
    expect(gradient).not.toMatch(/random/);
    expect(gradient).toMatch(/the same ride but for the minibatches/);
    const random = directionsNote('random')!;
    expect(random).toMatch(/Rand-Ridge\+/);
    expect(random).toMatch(/differ in their random directions/);
  });
});
