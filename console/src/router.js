// Hash routing (#/overview, #/routers/new, #/link/<token>): S3 and CloudFront serve one index.html and
// need no rewrite rules. A page's path may hold :parameters ("/routers/:routerId").
import { useEffect, useState } from './ui/html.js';

export function currentPath() {
  const hash = typeof location === 'undefined' ? '' : location.hash;
  const path = hash.startsWith('#') ? hash.slice(1) : hash;
  return path.startsWith('/') ? path : '/';
}

export function navigate(path) {
  location.hash = `#${path}`;
}

/** The params of path against a pattern, or null when it does not match. */
export function match(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('?')[0].split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      params[want[i].slice(1)] = decodeURIComponent(got[i]);
    } else if (want[i] !== got[i]) {
      return null;
    }
  }
  return params;
}

/** The page whose path matches, literal paths first ("/routers/new" before "/routers/:routerId"). */
export function findPage(pages, path) {
  const ordered = [...pages].sort((a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')));
  for (const page of ordered) {
    const params = match(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

export function useHashPath() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}
