package com.wispbill.vouchers;

import com.wispbill.domain.VoucherCodes;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link SecureRandom} that first makes {@link VoucherCodes} draw the scripted codes, then real random
 * ones: lets a test force collisions with codes that already exist.
 */
final class ScriptedRandom extends SecureRandom {
    private final Deque<Integer> scripted = new ArrayDeque<>();

    ScriptedRandom(String... codes) {
        for (String code : codes) {
            for (char c : code.toCharArray()) {
                scripted.add(VoucherCodes.ALPHABET.indexOf(c));
            }
        }
    }

    @Override
    public synchronized int nextInt(int bound) {
        Integer next = scripted.poll();
        return next != null ? next : super.nextInt(bound);
    }
}
