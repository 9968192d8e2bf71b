package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.StaffRepository;
import com.wispbill.adapters.repository.StoreBusyException;
import com.wispbill.domain.ConflictException;
import com.wispbill.domain.Reseller;
import com.wispbill.domain.staff.SignInLink;
import com.wispbill.domain.staff.StaffMember;
import com.wispbill.domain.staff.StaffRole;
import com.wispbill.domain.staff.StaffSession;
import com.wispbill.domain.staff.StaffStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Staff accounts in their reseller's partition ({@code STAFF#<staffId>}), the platform-wide email claim
 * ({@code STAFFEMAIL#<email>}, written in the same transaction as the account), sessions beside the account
 * ({@code STAFFSESSION#<staffId>#<hash>}, so a request reads reseller, account and session with one
 * BatchGetItem) and one-time sign-in links ({@code SIGNINLINK#<hash>}, taken by a conditional delete). Sessions
 * and links carry {@code ttl}, so DynamoDB removes them after they ended.
 */
public final class DynamoStaffRepository extends DynamoSupport implements StaffRepository {
    /** Concurrent creates of one email may cancel each other's transaction; retried, the loser then sees the claim. */
    private static final int CREATE_ATTEMPTS = 4;

    public DynamoStaffRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(StaffMember staff) {
        for (int attempt = 1; ; attempt++) {
            DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
            tx.add(putNewWrite(ItemBuilder.item("STAFFEMAIL", Keys.staffEmail(staff.email()), Keys.SINGLE)
                    .s("resellerId", staff.resellerId()).s("staffId", staff.staffId()).build()),
                    "a staff account with this email already exists");
            tx.add(putNewWrite(toItem(staff)), "staff " + staff.staffId() + " already exists");
            try {
                tx.commit();
                return;
            } catch (StoreBusyException e) {
                if (attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<StaffMember> findByEmail(String email) {
        return getEntity(Keys.staffEmail(email), Keys.SINGLE)
                .flatMap(claim -> find(claim.s("resellerId"), claim.s("staffId")));
    }

    @Override
    public Optional<StaffMember> find(String resellerId, String staffId) {
        return getEntity(Keys.reseller(resellerId), Keys.staffSk(staffId)).map(DynamoStaffRepository::fromItem);
    }

    @Override
    public List<StaffMember> list(String resellerId) {
        List<StaffMember> all = new ArrayList<>();
        forEachItem(prefixQuery(tables.entityTable(), Keys.reseller(resellerId), Keys.STAFF_PREFIX).toBuilder(),
                item -> all.add(fromItem(item)));
        return all;
    }

    @Override
    public boolean update(StaffMember current, StaffMember changed) {
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(tables.entityTable()).item(toItem(changed))
                    .conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":version", ItemBuilder.n(current.version())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean update(StaffMember current, StaffMember changed, StaffSession keep) {
        TransactWriteItem moveSession = TransactWriteItem.builder().update(u -> u.tableName(tables.entityTable())
                .key(key(Keys.reseller(keep.resellerId()), Keys.staffSessionSk(keep.staffId(), keep.tokenHash())))
                .updateExpression("SET epoch = :epoch")
                // still of the epoch it was authenticated with (the caller checked that the account, pinned by its
                // version, has that epoch): a session moved or ended meanwhile is not carried into the new epoch
                .conditionExpression("epoch = :before")
                .expressionAttributeValues(Map.of(":epoch", ItemBuilder.n(changed.sessionEpoch()),
                        ":before", ItemBuilder.n(keep.epoch()))))
                .build();
        List<Integer> failed = commitOrFailedConditions(List.of(versionedPut(current, changed), moveSession));
        if (failed.contains(1) && !failed.contains(0)) {
            throw new ConflictException("this session ended meanwhile; sign in again");
        }
        return failed.isEmpty();
    }

    @Override
    public boolean update(StaffMember current, StaffMember changed, StaffMember unchanged) {
        TransactWriteItem check = TransactWriteItem.builder().conditionCheck(c -> c.tableName(tables.entityTable())
                .key(key(Keys.reseller(unchanged.resellerId()), Keys.staffSk(unchanged.staffId())))
                .conditionExpression("#version = :version")
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":version", ItemBuilder.n(unchanged.version()))))
                .build();
        return commitOrFailedConditions(List.of(versionedPut(current, changed), check)).isEmpty();
    }

    /** {@code changed} written if the stored account still has {@code current}'s version. */
    private TransactWriteItem versionedPut(StaffMember current, StaffMember changed) {
        return TransactWriteItem.builder().put(p -> p.tableName(tables.entityTable()).item(toItem(changed))
                .conditionExpression("#version = :version")
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":version", ItemBuilder.n(current.version()))))
                .build();
    }

    /**
     * Commits {@code writes} as one transaction: empty if it committed, else the indexes of the writes whose
     * condition failed (all of them for a cancellation without a failed condition, a concurrent transaction: read
     * again and decide again).
     */
    private List<Integer> commitOrFailedConditions(List<TransactWriteItem> writes) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
            return List.of();
        } catch (TransactionCanceledException e) {
            List<Integer> failed = DynamoWriteTransaction.failedConditions(e);
            return failed.isEmpty() ? IntStream.range(0, writes.size()).boxed().toList() : failed;
        }
    }

    @Override
    public void createSession(StaffSession session) {
        putNew(sessionItem(session, session.lastSeenAt()), "session already exists");
    }

    @Override
    public Optional<SessionRead> readSession(String resellerId, String staffId, String tokenHash) {
        String pk = Keys.reseller(resellerId);
        String staffSk = Keys.staffSk(staffId);
        String sessionSk = Keys.staffSessionSk(staffId, tokenHash);
        Map<String, ItemReader> found = new HashMap<>();
        batchGet(tables.entityTable(), List.of(List.of(pk, Keys.PROFILE), List.of(pk, staffSk), List.of(pk, sessionSk)),
                (key, item) -> found.put(key.get(1), item));
        if (found.size() != 3) {
            return Optional.empty();
        }
        Reseller reseller = DynamoResellerRepository.fromItem(found.get(Keys.PROFILE));
        return Optional.of(new SessionRead(reseller, fromItem(found.get(staffSk)), sessionFromItem(found.get(sessionSk))));
    }

    @Override
    public void touchSession(StaffSession session, Instant now) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tables.entityTable())
                    .key(key(Keys.reseller(session.resellerId()), Keys.staffSessionSk(session.staffId(), session.tokenHash())))
                    .updateExpression("SET lastSeenAt = :now, #ttl = :ttl")
                    .conditionExpression(EXISTS)
                    .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                    .expressionAttributeValues(Map.of(":now", ItemBuilder.s(DynamoInstants.format(now)),
                            ":ttl", ItemBuilder.n(session.endsAt(now).getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            // signed out meanwhile: nothing to move
        }
    }

    @Override
    public void deleteSession(StaffSession session) {
        dynamoDb.deleteItem(b -> b.tableName(tables.entityTable())
                .key(key(Keys.reseller(session.resellerId()), Keys.staffSessionSk(session.staffId(), session.tokenHash()))));
    }

    @Override
    public void createLink(SignInLink link) {
        putNew(ItemBuilder.item("SIGNINLINK", Keys.signInLink(link.tokenHash()), Keys.SINGLE)
                .s("resellerId", link.resellerId()).s("staffId", link.staffId())
                .s("issuedForRole", link.issuedForRole().map(StaffRole::name).orElseThrow(
                        () -> new IllegalArgumentException("a sign-in link is made for the member's role")))
                .instant("createdAt", link.createdAt()).instant("expiresAt", link.expiresAt())
                .n(Keys.TTL, link.expiresAt().getEpochSecond()).build(), "sign-in link already exists");
    }

    @Override
    public Optional<SignInLink> takeLink(String tokenHash) {
        try {
            Map<String, AttributeValue> old = dynamoDb.deleteItem(b -> b.tableName(tables.entityTable())
                    .key(key(Keys.signInLink(tokenHash), Keys.SINGLE))
                    .conditionExpression(EXISTS)
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            ItemReader i = new ItemReader(old);
            return Optional.of(i.map(() -> new SignInLink(tokenHash, i.s("resellerId"), i.s("staffId"),
                    i.optS("issuedForRole").map(StaffRole::valueOf), i.instant("createdAt"), i.instant("expiresAt"))));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static Map<String, AttributeValue> sessionItem(StaffSession s, Instant lastSeen) {
        return ItemBuilder.item("STAFFSESSION", Keys.reseller(s.resellerId()), Keys.staffSessionSk(s.staffId(), s.tokenHash()))
                .s("tokenHash", s.tokenHash()).s("staffId", s.staffId()).s("resellerId", s.resellerId())
                .n("epoch", s.epoch()).instant("createdAt", s.createdAt()).instant("lastSeenAt", lastSeen)
                .instant("expiresAt", s.expiresAt()).n(Keys.TTL, s.endsAt(lastSeen).getEpochSecond())
                .build();
    }

    private static StaffSession sessionFromItem(ItemReader i) {
        return i.map(() -> new StaffSession(i.s("tokenHash"), i.s("resellerId"), i.s("staffId"), i.n("epoch"),
                i.instant("createdAt"), i.instant("lastSeenAt"), i.instant("expiresAt")));
    }

    static Map<String, AttributeValue> toItem(StaffMember m) {
        return ItemBuilder.item("STAFF", Keys.reseller(m.resellerId()), Keys.staffSk(m.staffId()))
                .s("staffId", m.staffId()).s("resellerId", m.resellerId()).s("email", m.email()).s("name", m.name())
                .s("role", m.role().name()).s("status", m.status().name()).bool("disabledByOperator", m.disabledByOperator())
                .s("passwordHash", m.passwordHash())
                .optS("totpSecret", m.totpSecret()).optS("totpPending", m.totpPending())
                .n("totpLastStep", m.totpLastStep()).n("failedAttempts", m.failedAttempts()).n("lockouts", m.lockouts())
                .optInstant("lockedUntil", m.lockedUntil()).n("sessionEpoch", m.sessionEpoch()).n("version", m.version())
                .instant("createdAt", m.createdAt())
                .build();
    }

    static StaffMember fromItem(ItemReader i) {
        return i.map(() -> new StaffMember(i.s("staffId"), i.s("resellerId"), i.s("email"), i.s("name"),
                i.enumValue("role", StaffRole.class), i.enumValue("status", StaffStatus.class),
                // accounts stored before the operator's mark have none
                i.has("disabledByOperator") && i.bool("disabledByOperator"), i.s("passwordHash"),
                i.optS("totpSecret"), i.optS("totpPending"), i.n("totpLastStep"), (int) i.n("failedAttempts"),
                (int) i.n("lockouts"), i.optInstant("lockedUntil"), i.n("sessionEpoch"), i.n("version"),
                i.instant("createdAt")));
    }
}
