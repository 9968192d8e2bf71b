package com.wispbill.payment;

import com.wispbill.domain.Signatures;

/**
 * Hashcash-style proof of work: an answer is accepted when SHA-256({@code subject + ":" + answer}) starts
 * with {@code difficulty} zero bits. Solving costs the client about 2^difficulty hashes; checking costs one.
 */
public final class ProofOfWorkChallenge implements ChallengeVerifier {
    private static final int MAX_ANSWER_LENGTH = 64;

    private final int difficulty;

    public ProofOfWorkChallenge(int difficulty) {
        if (difficulty < 1 || difficulty > 32) {
            throw new IllegalArgumentException("proof-of-work difficulty is 1 to 32 bits");
        }
        this.difficulty = difficulty;
    }

    @Override
    public Challenge describe(String subject) {
        return new Challenge("sha256-leading-zero-bits", subject, difficulty);
    }

    @Override
    public boolean verify(String subject, String answer) {
        if (answer == null || answer.isEmpty() || answer.length() > MAX_ANSWER_LENGTH) {
            return false;
        }
        return leadingZeroBits(Signatures.sha256(subject + ":" + answer)) >= difficulty;
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }
}
