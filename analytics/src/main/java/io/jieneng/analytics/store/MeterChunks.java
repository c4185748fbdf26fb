package io.jieneng.analytics.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits a set of meter ids into bounded chunks, one query per chunk. */
final class MeterChunks {

    private MeterChunks() {
    }

    static List<List<String>> of(Collection<String> ids, int size) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
