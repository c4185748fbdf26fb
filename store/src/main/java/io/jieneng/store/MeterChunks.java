package io.jieneng.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits a set of meter ids into bounded chunks, one query per chunk. */
public final class MeterChunks {

    private MeterChunks() {
    }

    public static List<List<String>> of(Collection<String> ids, int size) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
