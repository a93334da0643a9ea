/**
 * The Daily Headless: a reference front end for the CMS public delivery API.
 *
 * Deliberately framework-free so it can be read top to bottom. Every piece of
 * API-provided text reaches the DOM through textContent (via the h() helper);
 * the single exception is the article's bodyHtml, which the API sanitizes.
 */

const SITE_NAME = 'The Daily Headless';
const PAGE_SIZE = 10;

// The API serves this folder at /demo/, so the API is the page's own origin.
// Served from elsewhere, the operator names the API in index.html's
// <meta name="cms-api-base">. Never from the page's URL: anyone can craft a
// link, and a page that fetched another server's bodyHtml would insert it.
const API_BASE = resolveApiBase();

const app = document.getElementById('app');
const categoryNav = document.getElementById('category-nav');

// Fixed locale and UTC so a date reads the same for every visitor and matches
// the calendar day stored by the API.
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

let categories = null; // null until the nav loaded; also used for parent names
let renderId = 0;      // lets a slow response notice it has been superseded
let currentCategory = null; // re-applied when the nav arrives after the view

function resolveApiBase() {
  const configured = document.querySelector('meta[name="cms-api-base"]')?.content?.trim();
  const base = configured && isHttpUrl(configured) ? configured : location.origin;
  return base.replace(/\/+$/, '');
}

/** True for an absolute URL on the API's origin: the only place this page fetches from. */
function isApiUrl(value) {
  if (!isHttpUrl(value)) return false;
  try {
    return new URL(value).origin === new URL(API_BASE).origin;
  } catch {
    return false;
  }
}

function isHttpUrl(value) {
  return typeof value === 'string' && /^https?:\/\//i.test(value);
}

/* ------------------------------------------------------------------ API -- */

class ApiError extends Error {
  /** kind: 'down' (network or 5xx), 'not-found' (404) or 'error' (other 4xx). */
  constructor(kind, message, status = 0) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

function apiUrl(path, query) {
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  return `${API_BASE}/api/v1/${path}${qs}`;
}

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (err) {
    // fetch only rejects when no HTTP answer arrived (offline, refused, CORS).
    throw new ApiError('down', err.message);
  }
  if (response.status === 404) throw new ApiError('not-found', 'Not found', 404);
  if (response.status >= 500) throw new ApiError('down', `HTTP ${response.status}`, response.status);
  if (!response.ok) throw new ApiError('error', await problemMessage(response), response.status);
  try {
    return await response.json();
  } catch {
    throw new ApiError('error', 'The API answered with something that is not JSON.', response.status);
  }
}

async function problemMessage(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/* ------------------------------------------------------------------ DOM -- */

/** createElement with attributes; string children become text nodes, never HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  return el;
}

const articleHash = (slug) => `#/article/${encodeURIComponent(slug)}`;
const categoryHash = (slug) => `#/category/${encodeURIComponent(slug)}`;

function formatDate(iso, attrs = {}) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return null;
  return h('time', { datetime: iso, ...attrs }, dateFormat.format(date));
}

function readingTime(minutes, attrs = {}) {
  if (!Number.isFinite(minutes)) return null;
  return h('span', attrs, `${Math.max(1, Math.round(minutes))} min read`);
}

/** A root-relative image path (the demo content's own pictures) is served by the API's origin. */
function imageUrl(url) {
  if (isHttpUrl(url)) return url;
  if (typeof url === 'string' && url.startsWith('/') && !url.startsWith('//')) return new URL(url, API_BASE).href;
  return null;
}

function image(url, className) {
  const src = imageUrl(url);
  if (!src) return null;
  return h('img', { class: className, src, alt: '', loading: 'lazy', decoding: 'async' });
}

/** Joins the non-empty parts of a meta line with a middle dot. */
function metaLine(className, parts) {
  const present = parts.filter(Boolean);
  return h('p', { class: className }, present.flatMap((part, i) => (i ? [' · ', part] : [part])));
}

/* ---------------------------------------------------------------- lists -- */

function articleItem(article) {
  return h('article', { class: 'article-item', 'data-testid': 'article-item' },
    image(article.featuredImageUrl, 'article-thumb'),
    h('div', { class: 'article-item-text' },
      article.category && h('a', {
        class: 'kicker', href: categoryHash(article.category.slug), 'data-testid': 'category-link',
      }, article.category.name),
      h('h2', { class: 'article-item-title' },
        h('a', { href: articleHash(article.slug), 'data-testid': 'article-link' }, article.title)),
      typeof article.summary === 'string' && article.summary && h('p', { class: 'dek' }, article.summary),
      metaLine('meta', [
        formatDate(article.publishedAt),
        readingTime(article.readingTimeMinutes),
        article.author && `By ${article.author}`,
      ])));
}

function articleList(items) {
  // The container stays in place when empty so the layout (and tests) can rely on it.
  return h('div', { class: 'article-list', 'data-testid': 'article-list' },
    items.length
      ? items.map(articleItem)
      : h('p', { class: 'empty', 'data-testid': 'empty' }, 'No articles yet.'));
}

/**
 * Paging follows the API's own links verbatim; the URL travels in the hash so
 * Back/Forward and reloads land on the same page without any client state.
 */
function pager(envelope, routePath) {
  const links = envelope.links ?? {};
  const hashFor = (url) => `#${routePath}?page=${encodeURIComponent(url)}`;
  const link = (testid, label, url, rel) => h('a', {
    class: 'pager-link', 'data-testid': testid, rel, href: url ? hashFor(url) : null, hidden: !url,
  }, label);
  const page = envelope.page;
  return h('nav', { class: 'pager', 'aria-label': 'Pagination' },
    link('newer-link', '← Newer', links.prev, 'prev'),
    page?.totalPages > 1 && h('span', { class: 'page-count' }, `Page ${page.number} of ${page.totalPages}`),
    link('older-link', 'Older →', links.next, 'next'));
}

/** The page URL from the hash, or the first page. Only http(s) URLs are followed. */
function pageUrl(query, firstPage) {
  const page = query.get('page');
  return isApiUrl(page) ? page : firstPage;
}

/* ---------------------------------------------------------------- views -- */
// Each view fetches first and builds DOM afterwards, so a failure never
// leaves a half-rendered page behind. Views resolve to { title, node, category }.

async function latestView(query) {
  const data = await getJson(pageUrl(query, apiUrl('articles', { pageSize: PAGE_SIZE })));
  return {
    title: 'Latest news',
    node: h('section', { class: 'listing' },
      h('h1', { class: 'section-title' }, 'Latest news'),
      articleList(data.items ?? []),
      pager(data, '/')),
  };
}

async function categoryView(slug, query) {
  const enc = encodeURIComponent(slug);
  const firstPage = apiUrl(`categories/${enc}/articles`, { pageSize: PAGE_SIZE });
  const [category, data] = await Promise.all([
    getJson(apiUrl(`categories/${enc}`)),
    getJson(pageUrl(query, firstPage)),
  ]);
  const parent = category.parentSlug
    && (categories?.find((c) => c.slug === category.parentSlug) ?? { slug: category.parentSlug, name: category.parentSlug });
  const children = category.children ?? [];
  return {
    title: category.name,
    category: parent ? parent.slug : category.slug,
    node: h('section', { class: 'listing' },
      parent && h('p', { class: 'kicker' }, h('a', { href: categoryHash(parent.slug) }, parent.name)),
      h('h1', { class: 'section-title', 'data-testid': 'category-title' }, category.name),
      category.description && h('p', { class: 'category-description' }, category.description),
      children.length > 0 && h('nav', { class: 'subcategories', 'aria-label': 'Subcategories' },
        h('ul', {}, children.map((child) => h('li', {},
          h('a', { href: categoryHash(child.slug), 'data-testid': 'subcategory-link' }, child.name))))),
      articleList(data.items ?? []),
      pager(data, `/category/${enc}`)),
  };
}

async function articleView(slug) {
  const article = await getJson(apiUrl(`articles/${encodeURIComponent(slug)}`));

  const body = h('div', { class: 'article-body', 'data-testid': 'article-body' });
  if (typeof article.bodyHtml === 'string') body.innerHTML = article.bodyHtml; // sanitized by the API
  else if (article.body) body.textContent = article.body;

  const nav = article.navigation ?? {};
  return {
    title: article.title,
    category: article.category?.slug,
    node: h('article', { class: 'article' },
      h('header', { class: 'article-header' },
        article.category && h('a', {
          class: 'kicker', href: categoryHash(article.category.slug), 'data-testid': 'article-category',
        }, article.category.name),
        h('h1', { class: 'article-title', 'data-testid': 'article-title' }, article.title),
        metaLine('meta', [
          article.author && h('span', { class: 'author', 'data-testid': 'article-author' }, `By ${article.author}`),
          formatDate(article.publishedAt, { 'data-testid': 'article-date' }),
          readingTime(article.readingTimeMinutes, { 'data-testid': 'reading-time' }),
        ])),
      image(article.featuredImageUrl, 'article-image'),
      summaryWidget(article.slug ?? slug),
      body,
      h('nav', { class: 'article-nav', 'aria-label': 'More articles' },
        neighbourLink('prev-article', '← Previous Article', nav.previous, 'prev'),
        neighbourLink('next-article', 'Next Article →', nav.next, 'next'))),
  };
}

function neighbourLink(testid, label, neighbour, rel) {
  return h('a', {
    class: `neighbour neighbour-${rel}`, 'data-testid': testid, rel,
    href: neighbour ? articleHash(neighbour.slug) : null, hidden: !neighbour,
  },
  h('span', { class: 'neighbour-label' }, label),
  h('span', { class: 'neighbour-title' }, neighbour?.title ?? ''));
}

/** The summary is fetched on demand: most readers never ask, so don't pay for it up front. */
function summaryWidget(slug) {
  const box = h('aside', { class: 'summary-box', hidden: true, 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button', class: 'summary-button', 'data-testid': 'summary-button', onclick: load,
  }, 'No time to read? Get a summary');

  function show(...content) {
    box.replaceChildren(...content);
    box.hidden = false;
  }

  async function load() {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    show(h('p', { class: 'summary-status' }, 'Fetching summary…'));
    try {
      const summary = await getJson(apiUrl(`articles/${encodeURIComponent(slug)}/summary`));
      show(
        h('h2', { class: 'summary-heading' }, 'Summary'),
        h('p', { class: 'summary-text', 'data-testid': 'summary-text' }, summary.text ?? ''),
        summary.source && h('p', { class: 'summary-source' }, `Source: ${summary.source}`));
      button.hidden = true;
    } catch (err) {
      if (err.kind === 'not-found') {
        // Nothing to retry: the article simply has no summary.
        show(h('p', { class: 'summary-text', 'data-testid': 'summary-text' },
          'No summary is available for this article yet.'));
        button.hidden = true;
      } else {
        show(h('p', { class: 'summary-status', role: 'alert' }, 'Could not load the summary. Please try again.'));
        button.disabled = false;
      }
    } finally {
      button.removeAttribute('aria-busy');
    }
  }

  return h('div', { class: 'summary' }, button, box);
}

/* --------------------------------------------------------------- states -- */

function loadingView() {
  return h('p', { class: 'loading', 'data-testid': 'loading', role: 'status' }, 'Loading…');
}

function notFoundView() {
  return h('section', { class: 'notice', 'data-testid': 'not-found' },
    h('h1', {}, 'Not found'),
    h('p', {}, 'We could not find that page. It may have been moved or unpublished.'),
    h('p', {}, h('a', { href: '#/' }, 'Back to the front page')));
}

function errorView(err) {
  if (err.kind === 'not-found') return notFoundView();
  const down = err.kind === 'down';
  return h('section', { class: 'notice', role: 'alert' },
    h('h1', {}, down ? 'Service unavailable' : 'Something went wrong'),
    h('p', { 'data-testid': down ? 'api-down' : 'error' },
      down ? 'The API is unreachable. Please check your connection and try again.' : err.message),
    h('button', { type: 'button', class: 'button', 'data-testid': 'retry-button', onclick: retry }, 'Retry'));
}

function retry() {
  if (!categories) loadNav(); // the nav likely failed during the same outage
  route();
}

/* ------------------------------------------------------------ navigation -- */

async function loadNav() {
  try {
    const data = await getJson(apiUrl('categories', { pageSize: 100 }));
    categories = data.items ?? [];
    const topLevel = categories.filter((c) => !c.parentSlug);
    categoryNav.replaceChildren(h('ul', {}, topLevel.map((c) => h('li', {},
      h('a', { href: categoryHash(c.slug), 'data-slug': c.slug }, c.name)))));
    highlightNav(currentCategory);
  } catch {
    categories = null; // the nav is decoration; the main view reports outages
  }
}

function highlightNav(slug) {
  currentCategory = slug ?? null;
  for (const link of categoryNav.querySelectorAll('a[data-slug]')) {
    if (link.dataset.slug === currentCategory) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  const segments = path.split('/').filter(Boolean).map((s) => {
    try { return decodeURIComponent(s); } catch { return s; }
  });
  return { segments, query };
}

function resolveView({ segments, query }) {
  const [section, slug, extra] = segments;
  if (!section) return () => latestView(query);
  if (extra === undefined && slug) {
    if (section === 'category') return () => categoryView(slug, query);
    if (section === 'article') return () => articleView(slug);
  }
  return null;
}

async function route() {
  const id = ++renderId;
  const load = resolveView(parseHash());
  app.setAttribute('aria-busy', 'true');
  app.replaceChildren(loadingView());
  let view;
  try {
    if (!load) throw new ApiError('not-found', 'Unknown route', 404);
    view = await load();
  } catch (err) {
    if (!(err instanceof ApiError)) console.error(err);
    view = { title: 'Not available', node: errorView(err) };
  }
  if (id !== renderId) return; // the reader already navigated elsewhere
  app.replaceChildren(view.node);
  app.removeAttribute('aria-busy');
  document.title = view.title ? `${view.title} · ${SITE_NAME}` : SITE_NAME;
  highlightNav(view.category);
  window.scrollTo(0, 0);
  app.focus({ preventScroll: true }); // screen readers start at the new content
}

window.addEventListener('hashchange', route);
loadNav();
route();
