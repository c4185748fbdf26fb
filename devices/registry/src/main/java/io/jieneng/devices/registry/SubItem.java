package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** MOHURD electricity sub-item codes (分项计量) a {@code sub} meter is identified by. */
public enum SubItem {
    LIGHTING_SOCKETS("01A00", "照明插座用电", "Lighting and sockets"),
    HVAC("01B00", "空调用电", "HVAC"),
    POWER("01C00", "动力用电", "Power"),
    SPECIAL("01D00", "特殊用电", "Special"),
    IT_CENTRE("01D10", "信息中心用电", "IT centre");

    private final String code;
    private final String nameZh;
    private final String nameEn;

    SubItem(String code, String nameZh, String nameEn) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public static Optional<SubItem> fromCode(String code) {
        for (SubItem s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
