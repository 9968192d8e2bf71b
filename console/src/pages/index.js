// Every page of the console, in navigation order: one import per line. A page is shown (and listed in
// the navigation when it has `nav`) only if its `route` is among GET /v1/me's routes. The browser
// tests open every page listed here at phone and desktop sizes and scan it with axe-core.
import overview from './overview.js';
import plans from './plans.js';
import vouchers from './vouchers.js';
import routers from './routers.js';
import routerNew from './router-new.js';
import routerOnboard from './router-onboard.js';
import router from './router.js';
import portals from './portals.js';
import portal from './portal.js';
import providers from './providers.js';
import subscribers from './subscribers.js';
import subscriber from './subscriber.js';
import payments from './payments.js';
import payment from './payment.js';
import reviews from './reviews.js';
import ledger from './ledger.js';
import balance from './balance.js';
import staff from './staff.js';
import account from './account.js';
import settings from './settings.js';
import operator from './operator.js';

export default [
  overview,
  plans,
  vouchers,
  routers,
  routerNew,
  routerOnboard,
  router,
  portals,
  portal,
  providers,
  subscribers,
  subscriber,
  payments,
  payment,
  reviews,
  ledger,
  balance,
  staff,
  account,
  settings,
  operator,
];
