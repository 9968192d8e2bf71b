package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.adapters.repository.SubscriptionRepository;
import com.wispbill.adapters.repository.WriteTransaction;
import com.wispbill.domain.IllegalStateTransitionException;
import com.wispbill.domain.Subscription;
import com.wispbill.domain.SubscriptionKind;
import com.wispbill.domain.SubscriptionStatus;
import com.wispbill.domain.subscriber.RouterAccount;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Subscriptions: {@code RESELLER#<id> / SUB#<subscriptionId>}, plus a claim item
 * {@code RESELLER#<id> / USERNAME#<username>} that makes RouterOS usernames unique per reseller and
 * maps a username reported by a router back to its subscription, and {@code ACCOUNT#<accountKey>}, the
 * same case-folded without spaces, which maps an account number typed by hand (paybill) to it. Indexes: GSI1
 * {@code RESELLER#<id>#CUSTOMER#<customerId> / SUB#<id>} (a customer's subscriptions) and, while
 * ACTIVE or SUSPENDED_QUOTA, the ExpiryIndex.
 *
 * <p>Every change is conditional on the expiry and status the caller read, so an expiry sweep working
 * from an index entry that a renewal has just made stale fails instead of cutting a paying customer.
 */
public final class DynamoSubscriptionRepository extends DynamoSupport implements SubscriptionRepository {

    public DynamoSubscriptionRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Subscription s) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        create(s, tx);
        tx.commit();
    }

    @Override
    public void create(Subscription s, WriteTransaction transaction) {
        DynamoWriteTransaction tx = DynamoWriteTransaction.of(transaction);
        tx.add(putNewWrite(toItem(s)), "subscription " + s.id() + " already exists");
        tx.add(putNewWrite(ItemBuilder.item("USERNAME_CLAIM", Keys.reseller(s.resellerId()), Keys.usernameSk(s.username()))
                .s("resellerId", s.resellerId()).s("subscriptionId", s.id()).build()),
                "username " + s.username() + " is already in use");
        // The same username in another case is refused too: a paybill account number typed by hand must name one.
        tx.add(putNewWrite(ItemBuilder.item("ACCOUNT_CLAIM", Keys.reseller(s.resellerId()),
                        Keys.accountSk(Subscription.accountKey(s.username())))
                .s("resellerId", s.resellerId()).s("subscriptionId", s.id()).build()),
                "username " + s.username() + " is already in use in another case");
    }

    @Override
    public void saveAccount(String resellerId, RouterAccount account, WriteTransaction transaction) {
        // Unconditional: it changes only next to its subscription's conditional write in the same transaction.
        Map<String, AttributeValue> item = ItemBuilder.item("SUBSCRIPTION_ACCOUNT", Keys.reseller(resellerId),
                        Keys.subscriptionAccountSk(account.subscriptionId()))
                .s("subscriptionId", account.subscriptionId()).s("password", account.password())
                .optS("staticIp", account.staticIp()).optS("macAddress", account.macAddress()).build();
        DynamoWriteTransaction.of(transaction).add(TransactWriteItem.builder()
                .put(Put.builder().tableName(tables.entityTable()).item(item).build()).build(),
                "router login of subscription " + account.subscriptionId() + " could not be stored");
    }

    @Override
    public Optional<RouterAccount> findAccount(String resellerId, String subscriptionId) {
        return getEntity(Keys.reseller(resellerId), Keys.subscriptionAccountSk(subscriptionId))
                .map(i -> i.map(() -> new RouterAccount(i.s("subscriptionId"), i.s("password"), i.optS("staticIp"),
                        i.optS("macAddress"))));
    }

    @Override
    public Optional<Subscription> find(String resellerId, String subscriptionId) {
        return getEntity(Keys.reseller(resellerId), Keys.subscriptionSk(subscriptionId)).map(DynamoSubscriptionRepository::fromItem);
    }

    @Override
    public Optional<Subscription> findByUsername(String resellerId, String username) {
        if (!Subscription.isValidUsername(username)) {
            return Optional.empty();
        }
        return getEntity(Keys.reseller(resellerId), Keys.usernameSk(username))
                .flatMap(claim -> find(resellerId, claim.s("subscriptionId")));
    }

    @Override
    public Optional<Subscription> findByAccountNumber(String resellerId, String typed) {
        String key = Subscription.accountKey(typed);
        if (key.isEmpty() || key.indexOf('#') >= 0) {
            return Optional.empty();
        }
        Optional<Subscription> claimed = getEntity(Keys.reseller(resellerId), Keys.accountSk(key))
                .flatMap(claim -> find(resellerId, claim.s("subscriptionId")));
        // Subscriptions made before account claims existed have only their username's.
        return claimed.isPresent() ? claimed : findByUsername(resellerId, typed.strip());
    }

    @Override
    public Page<Subscription> listForCustomer(String resellerId, String customerId, PageRequest page) {
        String partition = Keys.customerSubscriptions(resellerId, customerId);
        return queryPage(partitionQuery(Keys.GSI1, Keys.GSI1PK, partition, null, null), page, GSI1_KEYS,
                Keys.GSI1PK, partition, DynamoSubscriptionRepository::fromItem);
    }

    @Override
    public void replace(Subscription current, Subscription next) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        replace(current, next, tx);
        tx.commit();
    }

    @Override
    public void replace(Subscription current, Subscription next, WriteTransaction tx) {
        if (!current.id().equals(next.id()) || !current.resellerId().equals(next.resellerId())
                || !current.customerId().equals(next.customerId()) || !current.username().equals(next.username())
                || !current.routerId().equals(next.routerId()) || current.kind() != next.kind()) {
            throw new IllegalArgumentException("next must be the same subscription as current (only plan, expiry, status "
                    + "and auto-renewal change)");
        }
        if (current.status() != next.status() && !current.status().canTransitionTo(next.status())) {
            throw new IllegalStateTransitionException("Subscription", current.status(), next.status());
        }
        Put put = Put.builder().tableName(tables.entityTable()).item(toItem(next))
                // The auto-renewal flag as read too: a sweep renewing from the wallet must not undo a customer's opt-out.
                .conditionExpression("expiresAt = :expiresAt AND #status = :status AND "
                        + (current.autoRenew() ? "autoRenew = :on" : "(attribute_not_exists(autoRenew) OR autoRenew <> :on)"))
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":expiresAt", ItemBuilder.s(DynamoInstants.format(current.expiresAt())),
                        ":status", ItemBuilder.s(current.status().name()),
                        ":on", AttributeValue.builder().bool(true).build()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        DynamoWriteTransaction.of(tx).add(TransactWriteItem.builder().put(put).build(), stored -> stored
                .map(s -> "subscription " + current.id() + " was changed concurrently (now " + s.s("status")
                        + " until " + s.s("expiresAt") + ")")
                .orElse("subscription " + current.id() + " does not exist"));
    }

    @Override
    public Page<Subscription> findDue(Instant from, Instant dueBy, PageRequest page) {
        return ExpiryIndexQuery.due(dynamoDb, tables.entityTable(), Keys.EXPIRY_KIND_SUBSCRIPTION, from, dueBy, page)
                .map(DynamoSubscriptionRepository::fromItem);
    }

    @Override
    public Page<Subscription> findExpiringBetween(Instant after, Instant until, PageRequest page) {
        return ExpiryIndexQuery.between(dynamoDb, tables.entityTable(), Keys.EXPIRY_KIND_SUBSCRIPTION, after, until, page)
                .map(DynamoSubscriptionRepository::fromItem);
    }

    static Map<String, AttributeValue> toItem(Subscription s) {
        ItemBuilder b = ItemBuilder.item("SUBSCRIPTION", Keys.reseller(s.resellerId()), Keys.subscriptionSk(s.id()))
                .s(Keys.GSI1PK, Keys.customerSubscriptions(s.resellerId(), s.customerId()))
                .s(Keys.GSI1SK, Keys.subscriptionSk(s.id()))
                .s("id", s.id()).s("resellerId", s.resellerId()).s("customerId", s.customerId()).s("planId", s.planId())
                .s("routerId", s.routerId()).s("kind", s.kind().name()).s("username", s.username())
                .instant("startsAt", s.startsAt()).instant("expiresAt", s.expiresAt()).s("status", s.status().name())
                .bool("autoRenew", s.autoRenew());
        if (s.status().awaitsExpiry()) {
            b.s(Keys.EXPIRY_BUCKET, Keys.expiryBucket(Keys.EXPIRY_KIND_SUBSCRIPTION, s.expiresAt()))
                    .s(Keys.EXPIRES_AT_KEY, Keys.expiresAtKey(s.expiresAt(), s.id()));
        }
        return b.build();
    }

    static Subscription fromItem(ItemReader i) {
        return i.map(() -> new Subscription(i.s("id"), i.s("resellerId"), i.s("customerId"), i.s("planId"),
                i.s("routerId"), i.enumValue("kind", SubscriptionKind.class), i.s("username"), i.instant("startsAt"),
                i.instant("expiresAt"), i.enumValue("status", SubscriptionStatus.class),
                // Stored before auto-renewal existed: off.
                i.has("autoRenew") && i.bool("autoRenew")));
    }
}
