package com.wispbill.local.routeros;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A configuration menu whose items are written by commands: {@code /ip/hotspot/user},
 * {@code /ip/hotspot/user/profile}, {@code /ppp/secret}, {@code /ppp/profile}. Verbs: {@code add}
 * (answers the new id in {@code =ret=}), {@code set}, {@code remove}, {@code unset}, {@code print} and
 * {@code getall}, and {@code enable}/{@code disable} where items have {@code disabled}.
 *
 * <p>Items are addressed by {@code =.id=} or its CLI synonym {@code =numbers=}: a comma-separated list
 * of internal ids ({@code *1A}) or names, as RouterOS accepts. A list is checked completely before
 * anything changes, so a command with one unknown id changes nothing.
 */
final class ConfigMenu implements Menu {
    /** Checks cross-menu rules (a referenced profile exists) for the values an item would have. */
    @FunctionalInterface
    interface Constraint {
        void check(Map<String, String> values) throws ApiTrap;
    }

    /** A menu-specific verb such as {@code reset-counters}. */
    @FunctionalInterface
    interface ItemsVerb {
        void apply(List<Item> items) throws ApiTrap;
    }

    /** Told when an item is renamed, so references in other menus can follow (RouterOS stores ids). */
    @FunctionalInterface
    interface RenameListener {
        void renamed(String oldName, String newName);
    }

    private final List<PropertySpec> schema;
    private final Map<String, PropertySpec> byName = new LinkedHashMap<>();
    private final Function<Item, Map<String, String>> computed;
    private final String duplicateNameMessage;
    private final Map<Long, Item> items = new LinkedHashMap<>();
    private final Map<Long, Map<String, String>> permanentValues = new LinkedHashMap<>();
    private final Map<String, ItemsVerb> extraVerbs = new LinkedHashMap<>();
    private Constraint constraint = values -> { };
    private RenameListener renameListener = (oldName, newName) -> { };
    private long nextId = 1;

    ConfigMenu(List<PropertySpec> schema, Function<Item, Map<String, String>> computed, String duplicateNameMessage) {
        this.schema = List.copyOf(schema);
        this.schema.forEach(spec -> byName.put(spec.name(), spec));
        this.computed = computed;
        this.duplicateNameMessage = duplicateNameMessage;
    }

    ConfigMenu constraint(Constraint newConstraint) {
        this.constraint = newConstraint;
        return this;
    }

    ConfigMenu onRename(RenameListener listener) {
        this.renameListener = listener;
        return this;
    }

    ConfigMenu verb(String name, ItemsVerb verb) {
        extraVerbs.put(name, verb);
        return this;
    }

    /** Adds an item RouterOS ships with (a {@code default} profile) under a fixed id; it cannot be removed. */
    void addPermanent(long id, Map<String, String> values) {
        try {
            Item item = create(id, values);
            permanentValues.put(item.id, Map.copyOf(item.values));
        } catch (ApiTrap e) {
            throw new IllegalArgumentException("bad built-in item: " + e.getMessage(), e);
        }
    }

    @Override
    public CommandResult execute(String verb, ApiRequest request, RouterOsVersion version) throws ApiTrap {
        if (!verb.equals("print") && !verb.equals("getall") && !request.strayWords().isEmpty()) {
            throw ApiTrap.unknownParameter();
        }
        return switch (verb) {
            case "print", "getall" -> PrintCommand.run(rows(), request, this::kindOf, version);
            case "add" -> CommandResult.doneWithRet(add(request.attributes()).idText());
            case "set" -> {
                set(request.attributes());
                yield CommandResult.done();
            }
            case "remove" -> {
                remove(targets(request.attributes()));
                yield CommandResult.done();
            }
            case "unset" -> {
                unset(request.attributes());
                yield CommandResult.done();
            }
            case "enable", "disable" -> {
                if (!byName.containsKey("disabled")) {
                    throw new ApiTrap("no such command");
                }
                onlyItemArguments(request.attributes());
                setAll(targets(request.attributes()), Map.of("disabled", Boolean.toString(verb.equals("disable"))));
                yield CommandResult.done();
            }
            default -> {
                ItemsVerb extra = extraVerbs.get(verb);
                if (extra == null) {
                    throw new ApiTrap("no such command");
                }
                onlyItemArguments(request.attributes());
                extra.apply(targets(request.attributes()));
                yield CommandResult.done();
            }
        };
    }

    Item add(Map<String, String> attributes) throws ApiTrap {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            PropertySpec spec = writable(attribute.getKey());
            String value = spec.canonical(attribute.getValue());
            if (value != null) {
                values.put(spec.name(), value);
            }
        }
        Item item = create(nextId, values);
        nextId++;
        return item;
    }

    private Item create(long id, Map<String, String> given) throws ApiTrap {
        Map<String, String> values = new LinkedHashMap<>();
        for (PropertySpec spec : schema) {
            String value = given.containsKey(spec.name()) ? given.get(spec.name()) : spec.defaultValue();
            if (spec.access() == PropertySpec.Access.REQUIRED && value == null) {
                throw ApiTrap.missingValue(spec.name());
            }
            if (value != null && spec.access() != PropertySpec.Access.READ_ONLY) {
                values.put(spec.name(), value);
            }
        }
        String name = values.get("name");
        if (name != null && findByName(name) != null) {
            throw new ApiTrap(duplicateNameMessage);
        }
        constraint.check(values);
        Item item = new Item(id);
        item.values.putAll(values);
        items.put(id, item);
        return item;
    }

    void set(Map<String, String> attributes) throws ApiTrap {
        List<Item> targets = targets(attributes);
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (isItemArgument(attribute.getKey())) {
                continue;
            }
            PropertySpec spec = writable(attribute.getKey());
            changes.put(spec.name(), spec.canonical(attribute.getValue()));
        }
        setAll(targets, changes);
    }

    private void setAll(List<Item> targets, Map<String, String> changes) throws ApiTrap {
        String newName = changes.get("name");
        if (newName != null) {
            Item holder = findByName(newName);
            boolean takenByAnother = holder != null && !(targets.size() == 1 && targets.getFirst() == holder);
            if (takenByAnother || targets.size() > 1) {
                throw new ApiTrap(duplicateNameMessage);
            }
        }
        List<Map<String, String>> updated = new ArrayList<>(targets.size());
        for (Item target : targets) {
            Map<String, String> values = new LinkedHashMap<>(target.values);
            changes.forEach((name, value) -> {
                if (value == null) {
                    values.remove(name);
                } else {
                    values.put(name, value);
                }
            });
            constraint.check(values);
            updated.add(values);
        }
        for (int i = 0; i < targets.size(); i++) {
            Item target = targets.get(i);
            String oldName = target.get("name");
            target.values.clear();
            for (PropertySpec spec : schema) {
                String value = updated.get(i).get(spec.name());
                if (value != null) {
                    target.values.put(spec.name(), value);
                }
            }
            if (oldName != null && newName != null && !oldName.equals(newName)) {
                renameListener.renamed(oldName, newName);
            }
        }
    }

    private void unset(Map<String, String> attributes) throws ApiTrap {
        List<Item> targets = targets(attributes);
        String property = attributes.get("value-name");
        if (property == null) {
            throw ApiTrap.missingValue("value-name");
        }
        for (String name : attributes.keySet()) {
            if (!isItemArgument(name) && !name.equals("value-name")) {
                throw ApiTrap.unknownParameter();
            }
        }
        PropertySpec spec = writable(property);
        if (spec.access() == PropertySpec.Access.REQUIRED) {
            throw ApiTrap.invalidValue("value-name");
        }
        Map<String, String> change = new LinkedHashMap<>();
        change.put(spec.name(), spec.defaultValue());
        setAll(targets, change);
    }

    void remove(List<Item> targets) throws ApiTrap {
        for (Item target : targets) {
            if (permanentValues.containsKey(target.id)) {
                throw new ApiTrap("failure: default item can not be removed");
            }
        }
        targets.forEach(target -> items.remove(target.id));
    }

    /** The items named by {@code =.id=} or {@code =numbers=}. */
    List<Item> targets(Map<String, String> attributes) throws ApiTrap {
        String selector = attributes.containsKey(".id") ? attributes.get(".id") : attributes.get("numbers");
        if (selector == null) {
            throw ApiTrap.missingValue(".id");
        }
        Set<Item> found = new LinkedHashSet<>();
        for (String part : selector.split(",")) {
            String reference = part.trim();
            long id = ValueFormats.parseId(reference);
            Item item = id >= 0 ? items.get(id) : findByName(reference);
            if (item == null) {
                throw ApiTrap.noSuchItem();
            }
            found.add(item);
        }
        return new ArrayList<>(found);
    }

    private static void onlyItemArguments(Map<String, String> attributes) throws ApiTrap {
        for (String name : attributes.keySet()) {
            if (!isItemArgument(name)) {
                throw ApiTrap.unknownParameter();
            }
        }
    }

    private static boolean isItemArgument(String name) {
        return name.equals(".id") || name.equals("numbers");
    }

    private PropertySpec writable(String name) throws ApiTrap {
        PropertySpec spec = byName.get(name);
        if (spec == null || spec.access() == PropertySpec.Access.READ_ONLY) {
            throw ApiTrap.unknownParameter();
        }
        return spec;
    }

    Item findByName(String name) {
        for (Item item : items.values()) {
            if (name.equals(item.get("name"))) {
                return item;
            }
        }
        return null;
    }

    Collection<Item> items() {
        return items.values();
    }

    ValueKind kindOf(String property) {
        if (property.equals(".id")) {
            return ValueKind.ID;
        }
        PropertySpec spec = byName.get(property);
        return spec == null ? ValueKind.TEXT : spec.kind();
    }

    /** Print rows: {@code .id}, then properties in schema order; read-only ones computed now. */
    List<Map<String, String>> rows() {
        List<Map<String, String>> rows = new ArrayList<>(items.size());
        for (Item item : items.values()) {
            rows.add(row(item));
        }
        return rows;
    }

    private Map<String, String> row(Item item) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(".id", item.idText());
        Map<String, String> computedValues = computed.apply(item);
        for (PropertySpec spec : schema) {
            String value = spec.access() == PropertySpec.Access.READ_ONLY
                ? computedValues.get(spec.name()) : item.get(spec.name());
            if (value != null) {
                row.put(spec.name(), value);
            }
        }
        return row;
    }

    /** Back to the built-in items with their original values, ids restarting at 1: a configuration reset. */
    void reset() {
        items.clear();
        permanentValues.forEach((id, values) -> {
            Item item = new Item(id);
            item.values.putAll(values);
            items.put(id, item);
        });
        nextId = 1;
    }
}
