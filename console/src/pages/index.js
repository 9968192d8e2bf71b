// Every page of the console, in navigation order: one import per line. A page is shown (and listed in
// the navigation when it has `nav`) only if its `route` is among GET /v1/me's routes. The browser
// tests open every page listed here at phone and desktop sizes and scan it with axe-core.
import plans from './plans.js';

export default [
  plans,
];
