package io.jieneng.devices.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jieneng.devices.registry.ApiUser;
import io.jieneng.devices.registry.DataCenter;
import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.Problem;
import io.jieneng.devices.registry.Quota;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegionLevel;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryValidationException;
import io.jieneng.devices.registry.SubItem;
import io.jieneng.devices.registry.UserRole;
import io.jieneng.devices.registry.Vehicle;
import io.jieneng.devices.registry.VehicleEnergy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the JSON of a registry document (docs/CONTRACT.md §2) into a {@link RegistryDocument}. It walks a Jackson tree
 * rather than binding, so that it can report every syntactic problem at once, each at its JSON path: wrong JSON
 * types, unknown fields, unknown enum values, bad dates and missing required fields. Semantic checks (references,
 * duplicates, value ranges) are {@link DocumentValidator}'s.
 */
public final class DocumentParser {

    /** The bounds of a meter's reporting interval, in seconds: up to one reading a day. */
    public static final int MIN_INTERVAL_SECONDS = 1;
    public static final int MAX_INTERVAL_SECONDS = 86_400;

    // A repeated key would silently keep only its last value, so it is refused as malformed.
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final List<Problem> problems = new ArrayList<>();

    private DocumentParser() {
    }

    /** Parses the document; the stream is read to its end and not closed. */
    public static RegistryDocument parse(InputStream json) throws IOException {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new RegistryValidationException(List.of(
                    new Problem(JsonPaths.ROOT, "malformed JSON" + where + ": " + e.getOriginalMessage())));
        }
        return parse(root);
    }

    /** Parses an already read tree. */
    public static RegistryDocument parse(JsonNode root) {
        return new DocumentParser().document(root);
    }

    private RegistryDocument document(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new RegistryValidationException(List.of(new Problem(JsonPaths.ROOT, "the document is empty")));
        }
        if (!root.isObject()) {
            throw new RegistryValidationException(List.of(new Problem(JsonPaths.ROOT,
                    "expected a JSON object with the sections " + String.join(", ", Sections.ALL) + ", found "
                            + ObjectFields.describe(root))));
        }
        List<Region> regions = null;
        List<Institution> institutions = null;
        List<Meter> meters = null;
        List<Gateway> gateways = null;
        List<DataCenter> dataCenters = null;
        List<Vehicle> vehicles = null;
        List<Quota> quotas = null;
        List<ApiUser> users = null;
        List<String> deleteMeters = null;
        // Sections are read in the order they appear, so that problems come out in document order.
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode node = f.getValue();
            switch (f.getKey()) {
                case Sections.REGIONS -> regions = section(Sections.REGIONS, node, this::region);
                case Sections.INSTITUTIONS -> institutions = section(Sections.INSTITUTIONS, node, this::institution);
                case Sections.METERS -> meters = section(Sections.METERS, node, this::meter);
                case Sections.GATEWAYS -> gateways = section(Sections.GATEWAYS, node, this::gateway);
                case Sections.DATA_CENTERS -> dataCenters = section(Sections.DATA_CENTERS, node, this::dataCenter);
                case Sections.VEHICLES -> vehicles = section(Sections.VEHICLES, node, this::vehicle);
                case Sections.QUOTAS -> quotas = section(Sections.QUOTAS, node, this::quota);
                case Sections.USERS -> users = section(Sections.USERS, node, this::user);
                case DeletionChecks.SECTION -> deleteMeters = deletions(node);
                default -> problems.add(new Problem(JsonPaths.field(JsonPaths.ROOT, f.getKey()),
                        "unknown section '" + f.getKey() + "'; expected one of " + String.join(", ", Sections.ALL)
                                + ", " + DeletionChecks.SECTION));
            }
        }
        if (!problems.isEmpty()) {
            throw new RegistryValidationException(problems);
        }
        return new RegistryDocument(regions, institutions, meters, gateways, dataCenters, vehicles, quotas, users,
                deleteMeters);
    }

    /** {@code "delete": {"meters": ["id", ...]}}; JSON null deletes nothing. */
    private List<String> deletions(JsonNode node) {
        String path = JsonPaths.field(JsonPaths.ROOT, DeletionChecks.SECTION);
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            problems.add(new Problem(path, "expected an object such as {\"meters\": [\"id\", ...]}, found "
                    + ObjectFields.describe(node)));
            return List.of();
        }
        ObjectFields fields = new ObjectFields(node, path, DeletionChecks.METERS);
        List<String> meters = fields.requiredStringList(DeletionChecks.METERS);
        fields.finish(problems);
        return meters == null ? List.of() : meters;
    }

    /** A section: an array of objects; JSON null stands for an empty section. */
    private <T> List<T> section(String name, JsonNode node, Function<ObjectFields, T> reader) {
        List<T> out = new ArrayList<>();
        String path = JsonPaths.field(JsonPaths.ROOT, name);
        if (node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(new Problem(path, "expected an array of objects, found " + ObjectFields.describe(node)));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String elementPath = JsonPaths.element(path, i);
            if (!element.isObject()) {
                problems.add(new Problem(elementPath, "expected an object, found " + ObjectFields.describe(element)));
                continue;
            }
            ObjectFields fields = new ObjectFields(element, elementPath, knownFields(name));
            out.add(reader.apply(fields));
            fields.finish(problems);
        }
        return out;
    }

    private static String[] knownFields(String section) {
        return switch (section) {
            case Sections.REGIONS -> new String[] {"code", "name", "level", "parent"};
            case Sections.INSTITUTIONS -> new String[] {"id", "name", "region", "category", "floorAreaM2",
                    "occupants"};
            case Sections.METERS -> new String[] {"id", "institution", "type", "role", "subitem", "capacityKwp",
                    "intervalSeconds", "commissioned", "secret", "disabled"};
            case Sections.GATEWAYS -> new String[] {"id", "secret", "meters", "disabled"};
            case Sections.DATA_CENTERS -> new String[] {"id", "institution", "itMeter", "totalMeter"};
            case Sections.VEHICLES -> new String[] {"id", "institution", "energy", "acquired"};
            case Sections.QUOTAS -> new String[] {"institution", "year", "totalKgce", "kgcePerCapita", "kgcePerM2",
                    "waterM3PerCapita"};
            case Sections.USERS -> new String[] {"name", "password", "role", "institution", "region", "disabled"};
            default -> throw new IllegalArgumentException(section);
        };
    }

    private Region region(ObjectFields f) {
        return new Region(f.requiredString("code"), f.requiredString("name"),
                f.requiredEnum("level", "region level", RegionLevel::fromJson, RegionLevel.values(),
                        RegionLevel::json),
                f.optionalString("parent"));
    }

    private Institution institution(ObjectFields f) {
        return new Institution(f.requiredString("id"), f.requiredString("name"), f.requiredString("region"),
                f.optionalString("category"), f.optionalNumber("floorAreaM2"), f.optionalInt("occupants"));
    }

    private Meter meter(ObjectFields f) {
        String id = f.requiredString("id");
        String institution = f.requiredString("institution");
        MeterType type = f.requiredEnum("type", "meter type", MeterType::fromJson, MeterType.values(),
                MeterType::json);
        MeterRole role = f.optionalEnum("role", "meter role", MeterRole::fromJson, MeterRole.values(),
                MeterRole::json);
        SubItem subitem = f.optionalEnum("subitem", "MOHURD sub-item code", SubItem::fromCode, SubItem.values(),
                SubItem::code);
        Double capacityKwp = f.optionalNumber("capacityKwp");
        Integer interval = f.optionalInt("intervalSeconds");
        if (interval != null && (interval < MIN_INTERVAL_SECONDS || interval > MAX_INTERVAL_SECONDS)) {
            f.problem("intervalSeconds", "must be between " + MIN_INTERVAL_SECONDS + " and "
                    + MAX_INTERVAL_SECONDS + " seconds, was " + interval);
        }
        return new Meter(id, institution, type, role, subitem, capacityKwp,
                interval == null ? Meter.DEFAULT_INTERVAL_SECONDS : interval, f.optionalDate("commissioned"),
                f.optionalString("secret"), f.optionalBoolean("disabled", false));
    }

    private Gateway gateway(ObjectFields f) {
        String id = f.requiredString("id");
        String secret = f.optionalString("secret");
        List<String> meters = f.requiredStringList("meters");
        return new Gateway(id, meters == null ? List.of() : meters, secret, f.optionalBoolean("disabled", false));
    }

    private DataCenter dataCenter(ObjectFields f) {
        return new DataCenter(f.requiredString("id"), f.requiredString("institution"), f.requiredString("itMeter"),
                f.requiredString("totalMeter"));
    }

    private Vehicle vehicle(ObjectFields f) {
        return new Vehicle(f.requiredString("id"), f.requiredString("institution"),
                f.requiredEnum("energy", "vehicle energy", VehicleEnergy::fromJson, VehicleEnergy.values(),
                        VehicleEnergy::json),
                f.requiredDate("acquired"));
    }

    private Quota quota(ObjectFields f) {
        String institution = f.requiredString("institution");
        Integer year = f.requiredInt("year");
        return new Quota(institution, year == null ? 0 : year, f.optionalNumber("totalKgce"),
                f.optionalNumber("kgcePerCapita"), f.optionalNumber("kgcePerM2"),
                f.optionalNumber("waterM3PerCapita"));
    }

    private ApiUser user(ObjectFields f) {
        String name = f.requiredString("name");
        String password = f.optionalString("password");
        UserRole role = f.requiredEnum("role", "user role", UserRole::fromJson, UserRole.values(), UserRole::json);
        return new ApiUser(name, role, f.optionalString("institution"), f.optionalString("region"), password,
                f.optionalBoolean("disabled", false));
    }
}
