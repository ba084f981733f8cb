document.getElementById('out')!.textContent = 'benchmark page';
