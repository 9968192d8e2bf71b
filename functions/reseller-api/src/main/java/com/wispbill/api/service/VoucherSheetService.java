package com.wispbill.api.service;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.PlanRepository;
import com.wispbill.adapters.repository.RouterRepository;
import com.wispbill.adapters.repository.VoucherBatchRepository;
import com.wispbill.adapters.repository.VoucherRepository;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Router;
import com.wispbill.domain.Validation;
import com.wispbill.domain.Voucher;
import com.wispbill.domain.VoucherBatch;
import com.wispbill.domain.VoucherBatchStatus;
import com.wispbill.domain.VoucherStatus;
import com.wispbill.sheets.VoucherSheet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Printable sheets of a READY batch, in pages: a sheet covers {@code limit} vouchers of the batch in the
 * order (and with the cursors) of the batch's voucher listing, and prints those a customer can still be
 * handed: NEW or ACTIVE and not sold. Used, expired and revoked vouchers are left out (the code is spent
 * or dead), and so are sold ones (someone holds that card already; a second copy could be sold twice).
 * A page can therefore print fewer than {@code limit} cards, or none, while there is more to read.
 * A Lambda answer is limited to 6 MB, so a sheet covers at most {@link #MAX_VOUCHERS} vouchers.
 */
public final class VoucherSheetService {
    /** About 2.8 MB of HTML or 2.3 MB of base64 PDF (docs/vouchers.md). */
    public static final int MAX_VOUCHERS = 1000;

    private final VoucherBatchRepository batches;
    private final VoucherRepository vouchers;
    private final PlanRepository plans;
    private final RouterRepository routers;

    public VoucherSheetService(VoucherBatchRepository batches, VoucherRepository vouchers, PlanRepository plans,
                               RouterRepository routers) {
        this.batches = batches;
        this.vouchers = vouchers;
        this.plans = plans;
        this.routers = routers;
    }

    /**
     * The sheet of the printable vouchers among the next {@code limit}; empty if none of them is.
     * {@code nextCursor} is present while the batch may hold more vouchers.
     */
    public record SheetPage(Optional<VoucherSheet> sheet, Optional<String> nextCursor) {
    }

    public static boolean isPrintable(Voucher voucher) {
        return (voucher.status() == VoucherStatus.NEW || voucher.status() == VoucherStatus.ACTIVE)
                && voucher.soldAt().isEmpty();
    }

    /**
     * Field errors of a sheet request, all at once and before anything is read: {@code loginUrl} must be
     * the hotspot's login page as an absolute http(s) URL (the QR codes open it).
     */
    public static void validate(Optional<String> loginUrl, Validation v) {
        if (v.check(loginUrl.isPresent(), "loginUrl", "is required: the hotspot's login page, e.g. http://hotspot.lan/login")) {
            v.check(VoucherSheet.isHttpUrl(loginUrl.get()), "loginUrl", "must be an absolute http(s) URL like http://hotspot.lan/login");
        }
    }

    /** {@code limit}: 1 to {@link #MAX_VOUCHERS}; {@code loginUrl} as {@link #validate} accepts it. */
    public SheetPage sheet(Reseller reseller, String batchId, String loginUrl, int limit, Optional<String> cursor) {
        if (limit < 1 || limit > MAX_VOUCHERS) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_VOUCHERS);
        }
        VoucherBatch batch = batches.get(reseller.id(), batchId);
        if (batch.status() != VoucherBatchStatus.READY) {
            throw new ConflictException("voucher batch " + batch.id() + " is " + batch.status()
                    + "; sheets are printed once it is " + VoucherBatchStatus.READY);
        }
        Plan plan = plans.get(reseller.id(), batch.planId());
        List<String> codes = new ArrayList<>();
        Map<String, String> wifiNames = new HashMap<>();
        // Each card names the Wi-Fi of its voucher's router (a batch can span routers): one read per router.
        Map<String, Optional<String>> wifiByRouter = new HashMap<>();
        Optional<String> next = cursor;
        int remaining = limit;
        // Repository pages are smaller than a sheet; reading exactly `limit` keeps the cursor exact.
        while (remaining > 0) {
            int chunk = Math.min(remaining, PageRequest.MAX_LIMIT);
            Page<Voucher> page = vouchers.listBatch(reseller.id(), batch.id(), new PageRequest(chunk, next));
            for (Voucher voucher : page.items()) {
                if (isPrintable(voucher)) {
                    codes.add(voucher.code());
                    wifiByRouter.computeIfAbsent(voucher.routerId(), id -> routers.find(reseller.id(), id).flatMap(Router::wifiName))
                            .ifPresent(wifi -> wifiNames.put(voucher.code(), wifi));
                }
            }
            next = page.nextCursor();
            remaining -= page.items().size();
            if (next.isEmpty()) {
                break;
            }
        }
        Optional<VoucherSheet> sheet = codes.isEmpty() ? Optional.empty()
                : Optional.of(VoucherSheet.forPlan(reseller.name(), plan, loginUrl, codes, wifiNames));
        return new SheetPage(sheet, next);
    }
}
