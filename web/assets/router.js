// Hash routing: "#/orgs/12/edit?x=1" → route.path "/orgs/12/edit",
// route.query {x: "1"}. The server serves one index.html and never needs a
// fallback for client paths.

const { reactive } = Vue;

export const route = reactive({ path: '/', query: {} });

function parse() {
  const h = decodeURI(location.hash.replace(/^#/, '')) || '/';
  const i = h.indexOf('?');
  const path = (i < 0 ? h : h.slice(0, i)) || '/';
  route.path = path.length > 1 ? path.replace(/\/+$/, '') : path;
  route.query = Object.fromEntries(new URLSearchParams(i < 0 ? '' : h.slice(i + 1)));
}

window.addEventListener('hashchange', parse);
parse();

// The href for a path and optional query object (empty values dropped).
export function href(path, query) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return '#' + path + (s ? '?' + s : '');
}

export function navigate(path, query, { replace = false } = {}) {
  const h = href(path, query);
  if (replace) {
    history.replaceState(null, '', h);
    parse();
  } else if (location.hash !== h) {
    location.hash = h;
  } else {
    parse();
  }
}
