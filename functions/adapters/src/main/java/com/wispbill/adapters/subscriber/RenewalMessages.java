package com.wispbill.adapters.subscriber;

import com.wispbill.adapters.repository.OutboxMessage;
import com.wispbill.domain.Plan;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.enforcement.EnforcementCommands;
import com.wispbill.domain.messages.SmsRequest;
import com.wispbill.domain.payment.PaymentGrant;
import com.wispbill.domain.routercommand.RouterCommand;
import com.wispbill.domain.routercommand.RouterCommandEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a renewal writes to the outbox in its transaction, however it was paid (a provider's payment: STK push,
 * checkout, paybill; cash at the counter; the customer's wallet; a manual extension): the user back on the plan on
 * the router, and the receipt SMS. The one home of these messages and their ids, so the same renewal sends the same
 * commands whichever way it was paid.
 */
public final class RenewalMessages {
    private static final String PROFILE_COMMAND_SUFFIX = "-RP";

    private RenewalMessages() {
    }

    /**
     * Whether the renewal from {@code current} to {@code renewed} changes anything on the router: yes for a
     * subscription that was not ACTIVE (expired, suspended, isolated, throttled at its quota), and for one moved to
     * another plan (a portal upgrade of an ACTIVE account), whose user must go to the new plan's profile and rate
     * limit. An ACTIVE one that stays on its plan is on it on the router already.
     */
    public static boolean changesRouter(Subscription current, Subscription renewed) {
        return current.status() != SubscriptionStatus.ACTIVE || !current.planId().equals(renewed.planId());
    }

    /**
     * When the renewal {@link #changesRouter}: the plan's profile ensured, then the user restored to it
     * ({@link EnforcementCommands#reinstate}: in the plan's profile, enabled, out of an isolation or fair-use
     * throttle), ids {@code <id>-RP} and {@link PaymentGrant#routerCommandId} (for a payment, the command whose
     * application confirms its grant), a millisecond apart so the relay keeps their order. Nothing otherwise.
     */
    public static List<OutboxMessage> reinstate(String id, Subscription current, Subscription renewed, Plan plan,
                                                Instant now) {
        if (!changesRouter(current, renewed)) {
            return List.of();
        }
        List<RouterCommand> commands = EnforcementCommands.reinstate(renewed, plan);
        return List.of(
                OutboxMessage.of(new RouterCommandEnvelope(id + PROFILE_COMMAND_SUFFIX, renewed.resellerId(), renewed.routerId(),
                        now.minusMillis(1), commands.getFirst())),
                OutboxMessage.of(new RouterCommandEnvelope(PaymentGrant.routerCommandId(id), renewed.resellerId(), renewed.routerId(), now,
                        commands.getLast())));
    }

    /** The receipt of a renewal to {@code phone} ({@code SUBSCRIPTION_EXTENDED}); its id is {@code <id>-SMS}. */
    public static OutboxMessage receipt(String id, Reseller reseller, String phone, Plan plan, Subscription renewed,
                                        Instant now) {
        return OutboxMessage.of(new SmsRequest(id + "-SMS", reseller.id(), phone, SmsRequest.SmsTemplate.SUBSCRIPTION_EXTENDED,
                Map.of("plan", plan.name(), "expiresAt", reseller.calendar().localTime(renewed.expiresAt())), now));
    }
}
