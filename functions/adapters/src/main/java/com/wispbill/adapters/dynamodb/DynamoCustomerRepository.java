package com.wispbill.adapters.dynamodb;

import com.wispbill.adapters.repository.CustomerRepository;
import com.wispbill.adapters.repository.Page;
import com.wispbill.adapters.repository.PageRequest;
import com.wispbill.domain.Customer;
import com.wispbill.domain.PhoneNumbers;
import com.wispbill.domain.ValidationException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Customers: {@code RESELLER#<id> / CUSTOMER#<customerId>}, plus a claim item
 * {@code RESELLER#<id> / PHONE#<e164>} holding the customer id. The claim makes the phone unique per
 * reseller (written with {@code attribute_not_exists} in the same transaction as the customer) and is
 * the strongly consistent lookup by phone.
 */
public final class DynamoCustomerRepository extends DynamoSupport implements CustomerRepository {
    private static final String PHONE_TAKEN = "this phone number is already registered to another customer";

    public DynamoCustomerRepository(DynamoDbClient dynamoDb, TableNames tables) {
        super(dynamoDb, tables);
    }

    @Override
    public void create(Customer customer) {
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        tx.add(putNewWrite(toItem(customer)), "customer " + customer.id() + " already exists");
        tx.add(putNewWrite(phoneClaim(customer)), PHONE_TAKEN);
        tx.commit();
    }

    @Override
    public void update(Customer current, Customer next) {
        if (!current.id().equals(next.id()) || !current.resellerId().equals(next.resellerId())) {
            throw new IllegalArgumentException("next must be the same customer as current");
        }
        DynamoWriteTransaction tx = new DynamoWriteTransaction(dynamoDb);
        tx.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.entityTable()).item(toItem(next))
                        .conditionExpression("attribute_exists(PK) AND phone = :phone")
                        .expressionAttributeValues(Map.of(":phone", ItemBuilder.s(current.phone()))).build()).build(),
                "customer " + current.id() + " was changed concurrently");
        if (!current.phone().equals(next.phone())) {
            tx.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.entityTable())
                            .key(key(Keys.reseller(current.resellerId()), Keys.phoneSk(current.phone())))
                            .conditionExpression("customerId = :id")
                            .expressionAttributeValues(Map.of(":id", ItemBuilder.s(current.id()))).build()).build(),
                    "customer " + current.id() + " was changed concurrently");
            tx.add(putNewWrite(phoneClaim(next)), PHONE_TAKEN);
        }
        tx.commit();
    }

    @Override
    public Optional<Customer> find(String resellerId, String customerId) {
        return getEntity(Keys.reseller(resellerId), Keys.customerSk(customerId)).map(DynamoCustomerRepository::fromItem);
    }

    @Override
    public Optional<Customer> findByPhone(String resellerId, String phone) {
        String e164;
        try {
            e164 = PhoneNumbers.requireE164(phone, "phone");
        } catch (ValidationException e) {
            return Optional.empty();
        }
        return getEntity(Keys.reseller(resellerId), Keys.phoneSk(e164))
                .flatMap(claim -> find(resellerId, claim.s("customerId")));
    }

    @Override
    public Page<Customer> list(String resellerId, PageRequest page) {
        String pk = Keys.reseller(resellerId);
        return queryPage(partitionQuery(null, Keys.PK, pk, Keys.SK, Keys.CUSTOMER_PREFIX), page, TABLE_KEYS, Keys.PK, pk,
                DynamoCustomerRepository::fromItem);
    }

    private static Map<String, AttributeValue> phoneClaim(Customer c) {
        return ItemBuilder.item("PHONE_CLAIM", Keys.reseller(c.resellerId()), Keys.phoneSk(c.phone()))
                .s("resellerId", c.resellerId()).s("customerId", c.id()).build();
    }

    static Map<String, AttributeValue> toItem(Customer c) {
        return ItemBuilder.item("CUSTOMER", Keys.reseller(c.resellerId()), Keys.customerSk(c.id()))
                .s("id", c.id()).s("resellerId", c.resellerId()).s("phone", c.phone()).optS("name", c.name())
                .optS("email", c.email()).optS("location", c.location())
                .instant("createdAt", c.createdAt())
                .build();
    }

    static Customer fromItem(ItemReader i) {
        return i.map(() -> new Customer(i.s("id"), i.s("resellerId"), i.s("phone"), i.optS("name"),
                i.optS("email"), i.optS("location"), i.instant("createdAt")));
    }
}
