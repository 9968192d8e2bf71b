package com.wispbill.api.service;

import com.wispbill.adapters.dynamodb.DynamoStore;
import com.wispbill.adapters.repository.ApiKeyRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.ResellerRepository;
import com.wispbill.adapters.repository.VoucherQuota;
import com.wispbill.domain.ApiKey;
import com.wispbill.domain.ApiKeyRole;
import com.wispbill.domain.ApiKeys;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.FieldError;
import com.wispbill.domain.Ids;
import com.wispbill.domain.Money;
import com.wispbill.domain.NotFoundException;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.ResellerStatus;
import com.wispbill.domain.Validation;
import com.wispbill.domain.ValidationException;
import com.wispbill.domain.VoucherCodes;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Platform administration: resellers and their API keys. Keys are issued here only; the secret leaves
 * in the returned {@link ApiKeys.Issued} once and only its hash is stored.
 *
 * <p>{@link #onboard} is also how the very first operator key comes to exist (there is no key yet to
 * call the API with): {@code com.wispbill.tools.CreateResellerKey} (module tools) calls it from the command line, and the
 * local run calls it directly to create demo keys.
 */
public final class ResellerAdmin {
    /** Largest outstanding-voucher limit an operator may set. */
    public static final long MAX_OUTSTANDING_LIMIT = 10_000_000L;

    private final ResellerRepository resellers;
    private final ApiKeyRepository apiKeys;
    private final VoucherQuota quota;
    private final Clock clock;

    public ResellerAdmin(ResellerRepository resellers, ApiKeyRepository apiKeys, VoucherQuota quota, Clock clock) {
        this.resellers = resellers;
        this.apiKeys = apiKeys;
        this.quota = quota;
        this.clock = clock;
    }

    public static ResellerAdmin of(DynamoStore store, Clock clock) {
        return new ResellerAdmin(store.resellers(), store.apiKeys(), store.voucherQuota(), clock);
    }

    /** What a new reseller is created with; {@code voucherCodeLength} and the limit are optional. */
    public record NewReseller(String name, String zone, String currency, Optional<Integer> voucherCodeLength,
                              Optional<Long> outstandingVoucherLimit) {
    }

    /** A reseller and its first key. */
    public record Onboarded(Reseller reseller, ApiKeys.Issued key) {
        @Override
        public String toString() {
            return "Onboarded[reseller=" + reseller.id() + ", key=" + key + "]";
        }
    }

    /**
     * Creates a reseller with its first API key of {@code role}, e.g.
     * {@code onboard("WISPbill operator", "Africa/Nairobi", "KES", ApiKeyRole.OPERATOR)}. The returned
     * {@link ApiKeys.Issued#secret()} is the key to send as {@code Authorization: Bearer ...}.
     */
    public Onboarded onboard(String name, String zone, String currency, ApiKeyRole role) {
        Reseller reseller = createReseller(new NewReseller(name, zone, currency, Optional.empty(), Optional.empty()));
        return new Onboarded(reseller, issueKey(reseller.id(), role));
    }

    public Reseller createReseller(NewReseller input) {
        Validation v = new Validation();
        ZoneId zone = parse(v, () -> Reseller.parseZone(input.zone()));
        Currency currency = parse(v, () -> Money.currency(input.currency()));
        int codeLength = input.voucherCodeLength().orElse(VoucherCodes.DEFAULT_LENGTH);
        input.outstandingVoucherLimit().ifPresent(limit -> v.check(limit >= 0 && limit <= MAX_OUTSTANDING_LIMIT,
                "outstandingVoucherLimit", "must be between 0 and " + MAX_OUTSTANDING_LIMIT));
        Reseller reseller = null;
        try {
            reseller = new Reseller(Ids.newId(clock), input.name(), zone, currency, ResellerStatus.ACTIVE, codeLength,
                    clock.instant());
        } catch (ValidationException e) {
            // A zone or currency that failed to parse is also missing here; its parse error already says why.
            List<String> reported = v.errors().stream().map(FieldError::field).toList();
            e.errors().stream().filter(err -> !reported.contains(err.field())).forEach(v::add);
        }
        v.throwIfInvalid();
        Reseller created = reseller;
        resellers.create(created);
        input.outstandingVoucherLimit().ifPresent(limit -> quota.setLimit(created.id(), limit));
        return created;
    }

    private static <T> T parse(Validation v, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ValidationException e) {
            v.addAll(e.errors());
            return null;
        }
    }

    public Page<Reseller> listResellers(PageRequest page) {
        return resellers.list(page);
    }

    public Reseller getReseller(String resellerId) {
        return resellers.get(resellerId);
    }

    /** Suspends or reactivates a reseller: a suspended reseller's keys get 403 until it is active again. */
    public Reseller setStatus(String resellerId, ResellerStatus status) {
        Reseller reseller = getReseller(resellerId);
        if (reseller.status() == status) {
            return reseller;
        }
        Reseller changed = reseller.withStatus(status);
        resellers.update(changed);
        return changed;
    }

    /** Sets the reseller's own outstanding-voucher limit; orders already accepted stay accepted. */
    public VoucherQuota.Usage setOutstandingLimit(String resellerId, Long limit, long defaultLimit) {
        getReseller(resellerId);
        if (limit == null || limit < 0 || limit > MAX_OUTSTANDING_LIMIT) {
            throw new ValidationException("limit", "must be between 0 and " + MAX_OUTSTANDING_LIMIT);
        }
        quota.setLimit(resellerId, limit);
        return quota.usage(resellerId, defaultLimit);
    }

    public VoucherQuota.Usage quotaOf(String resellerId, long defaultLimit) {
        return quota.usage(resellerId, defaultLimit);
    }

    public ApiKeys.Issued issueKey(String resellerId, ApiKeyRole role) {
        getReseller(resellerId);
        ApiKeys.Issued issued = ApiKeys.issue(resellerId, role, clock);
        apiKeys.create(issued.key());
        return issued;
    }

    public List<ApiKey> listKeys(String resellerId) {
        getReseller(resellerId);
        return apiKeys.listForReseller(resellerId);
    }

    /** A new key with the same role replaces {@code keyId}, which is revoked. */
    public ApiKeys.Issued rotateKey(String resellerId, String keyId) {
        ApiKey old = activeKey(resellerId, keyId);
        ApiKeys.Issued replacement = ApiKeys.issue(resellerId, old.role(), clock);
        apiKeys.create(replacement.key());
        apiKeys.revoke(resellerId, keyId);
        return replacement;
    }

    public ApiKey revokeKey(String resellerId, String keyId) {
        ApiKey key = activeKey(resellerId, keyId);
        apiKeys.revoke(resellerId, keyId);
        return key.revoked();
    }

    private ApiKey activeKey(String resellerId, String keyId) {
        ApiKey key = listKeys(resellerId).stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> new NotFoundException("API key", keyId));
        if (!key.isActive()) {
            throw new ConflictException("API key " + keyId + " is already revoked");
        }
        return key;
    }
}
