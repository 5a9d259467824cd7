package dev.stratum.odd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stratum.api.odd.OddPolicy;

/**
 * The stored forms of ODD policies and calibrations: JSON with snake_case names, the same as on the wire, so that a
 * stored policy reads as the application sent it.
 */
public final class OddJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private OddJson() {}

    public static String write(OddPolicy policy) {
        return write((Object) policy);
    }

    public static String write(OddCalibration calibration) {
        return write((Object) calibration);
    }

    public static OddPolicy policy(String json) {
        return read(json, OddPolicy.class);
    }

    public static OddCalibration calibration(String json) {
        return read(json, OddCalibration.class);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }
}
