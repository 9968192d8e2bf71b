package com.wispbill.router.credentials;

import com.wispbill.domain.Router;

/** Where router API credentials come from (Secrets Manager in production). */
public interface RouterCredentialsSource {

    /** The router's credentials, possibly cached. */
    RouterSecret credentials(Router router);

    /** The router's credentials read from the store now (after the router refused the cached ones). */
    RouterSecret refreshedCredentials(Router router);
}
