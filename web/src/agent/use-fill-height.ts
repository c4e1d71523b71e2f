/**
 * The height that makes an element reach the bottom of the window: the window's height less
 * the element's top and the space its ancestors keep below it (their bottom padding, border and
 * margin), so the desktop adds no page scroll at 1366×768 and every column scrolls inside.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

const minHeight = 360;

function spaceBelow(el: HTMLElement): number {
  let sum = 0;
  for (let n: HTMLElement | null = el; n; n = n.parentElement) {
    const s = getComputedStyle(n);
    sum += parseFloat(s.marginBottom) || 0;
    if (n !== el)
      sum += (parseFloat(s.paddingBottom) || 0) + (parseFloat(s.borderBottomWidth) || 0);
  }
  return sum;
}

export function useFillHeight(ref: RefObject<HTMLElement | null>): number | undefined {
  const [height, setHeight] = useState<number>();
  useLayoutEffect(() => {
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(minHeight, Math.floor(window.innerHeight - top - spaceBelow(el))));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref]);
  return height;
}
