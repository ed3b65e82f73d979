/**
 * The element that carries one of Seatmate's extension frames on a console page: a closed shadow
 * root (neither the page's scripts nor its styles reach in) holding `css` and `frame`. Not yet
 * attached; the caller puts it on the page.
 */
export function frameHost(tag: string, css: string, frame: HTMLIFrameElement): HTMLElement {
  const host = document.createElement(tag);
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('display', 'block', 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style, frame);
  return host;
}
