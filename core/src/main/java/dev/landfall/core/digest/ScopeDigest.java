package dev.landfall.core.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import java.io.IOException;
import java.io.StringWriter;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The digest of a scope's entries, independent of the order they were read in: the entry count,
 * the sum of all {@link EntryDigest}s read as 256-bit unsigned big-endian integers modulo 2^256,
 * and the same count and sum for each of 256 buckets, where an entry's bucket is the first byte
 * of SHA-256(key bytes). Two scopes with equal digests hold the same entries (up to SHA-256); when
 * they differ, {@link #differingBuckets} narrows the search to the keys of a few buckets.
 *
 * <p>Immutable; build one with an {@link Accumulator}. Its JSON form (the manifest's {@code
 * digest}) lists only non-empty buckets:
 *
 * <pre>{"count":2,"sum":"…64 hex…","buckets":{"0a":{"count":1,"sum":"…"},"f3":{"count":1,"sum":"…"}}}</pre>
 */
public final class ScopeDigest {
    /** Number of buckets. */
    public static final int BUCKETS = 256;
    /** Each bucket's name in the JSON form, made once: String.format per bucket per write showed up in profiles. */
    private static final String[] BUCKET_NAMES = java.util.stream.IntStream.range(0, BUCKETS)
            .mapToObj(b -> String.format("%02x", b))
            .toArray(String[]::new);

    /** The digest of no entries. */
    public static final ScopeDigest EMPTY =
            new ScopeDigest(0, new long[UInt256.LIMBS], new long[BUCKETS], new long[BUCKETS * UInt256.LIMBS]);

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final long count;
    private final long[] sum;
    private final long[] bucketCounts;
    private final long[] bucketSums;

    private ScopeDigest(long count, long[] sum, long[] bucketCounts, long[] bucketSums) {
        this.count = count;
        this.sum = sum;
        this.bucketCounts = bucketCounts;
        this.bucketSums = bucketSums;
    }

    /** A new, empty accumulator. */
    public static Accumulator accumulator() {
        return new Accumulator();
    }

    /** The bucket of a key: the first byte of SHA-256(key bytes), 0..255. */
    public static int bucketOf(Key key) {
        return bucketOf(key, EntryDigest.newSha256(), new byte[EntryDigest.LENGTH]);
    }

    /** As {@link #bucketOf(Key)}, into a caller's buffer of 32 bytes: this runs for every entry. */
    private static int bucketOf(Key key, MessageDigest sha256, byte[] out) {
        sha256.reset();
        sha256.update(key.bytes());
        try {
            sha256.digest(out, 0, out.length);
        } catch (java.security.DigestException e) {
            throw LandfallException.internal("SHA-256 refused a 32-byte buffer", e);
        }
        return out[0] & 0xff;
    }

    /** The number of entries. */
    public long count() {
        return count;
    }

    /** The sum of all entry digests, as 64 lower-case hex characters. */
    public String sumHex() {
        return UInt256.hex(sum, 0);
    }

    /** The number of entries in a bucket. */
    public long bucketCount(int bucket) {
        return bucketCounts[Objects.checkIndex(bucket, BUCKETS)];
    }

    /** The sum of the entry digests in a bucket, as 64 lower-case hex characters. */
    public String bucketSumHex(int bucket) {
        return UInt256.hex(bucketSums, Objects.checkIndex(bucket, BUCKETS) * UInt256.LIMBS);
    }

    /** The buckets whose count or sum differ from the other digest's, in ascending order. */
    public List<Integer> differingBuckets(ScopeDigest other) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            if (bucketCounts[b] != other.bucketCounts[b]
                    || !UInt256.equal(bucketSums, b * UInt256.LIMBS, other.bucketSums, b * UInt256.LIMBS)) {
                out.add(b);
            }
        }
        return List.copyOf(out);
    }

    /** Writes the JSON form (an object) to the generator. */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("count", count);
        g.writeStringField("sum", sumHex());
        g.writeObjectFieldStart("buckets");
        for (int b = 0; b < BUCKETS; b++) {
            if (bucketCounts[b] != 0 || !UInt256.isZero(bucketSums, b * UInt256.LIMBS)) {
                g.writeObjectFieldStart(BUCKET_NAMES[b]);
                g.writeNumberField("count", bucketCounts[b]);
                g.writeStringField("sum", bucketSumHex(b));
                g.writeEndObject();
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The compact JSON form. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeJson(g);
        } catch (IOException e) {
            throw LandfallException.internal("writing to a string failed", e);
        }
        return out.toString();
    }

    /**
     * Reads the JSON form. The parser must be on the object's first token or just before it; it is
     * left on the object's last token. The buckets must add up to the totals.
     *
     * @throws JsonParseException with the location of the problem when the JSON is not a valid
     *     digest
     */
    public static ScopeDigest readJson(JsonParser p) throws IOException {
        if (p.currentToken() == null || p.currentToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
        }
        expect(p, p.currentToken() == JsonToken.START_OBJECT, "expected a digest object");
        long count = -1;
        long[] sum = null;
        long[] bucketCounts = new long[BUCKETS];
        long[] bucketSums = new long[BUCKETS * UInt256.LIMBS];
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "count" -> count = readCount(p, t);
                case "sum" -> {
                    sum = new long[UInt256.LIMBS];
                    readSum(p, t, sum, 0);
                }
                case "buckets" -> readBuckets(p, t, bucketCounts, bucketSums);
                default -> throw new JsonParseException(p, "unknown digest field '" + name + "'");
            }
        }
        expect(p, count >= 0, "digest has no count");
        expect(p, sum != null, "digest has no sum");
        long total = 0;
        long[] check = new long[UInt256.LIMBS];
        for (int b = 0; b < BUCKETS; b++) {
            total += bucketCounts[b];
            UInt256.add(check, 0, bucketSums, b * UInt256.LIMBS);
        }
        expect(p, total == count, "digest buckets hold " + total + " entries but count is " + count);
        expect(p, UInt256.equal(check, 0, sum, 0), "digest buckets do not add up to its sum");
        return new ScopeDigest(count, sum, bucketCounts, bucketSums);
    }

    /** Parses the JSON form; see {@link #readJson(JsonParser)}. */
    public static ScopeDigest fromJson(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            ScopeDigest d = readJson(p);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "text after the digest");
            }
            return d;
        } catch (JsonProcessingException e) {
            throw LandfallException.failed(
                    "not a scope digest: " + JsonProblem.describe(e), "the digest JSON was damaged or edited", e);
        } catch (IOException e) {
            throw LandfallException.internal("reading a string failed", e);
        }
    }

    private static void readBuckets(JsonParser p, JsonToken t, long[] counts, long[] sums) throws IOException {
        expect(p, t == JsonToken.START_OBJECT, "digest buckets must be an object");
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            int b = name.length() == 2 ? parseBucket(name) : -1;
            expect(p, b >= 0, "bucket name '" + name + "' is not two lower-case hex digits");
            expect(p, p.nextToken() == JsonToken.START_OBJECT, "bucket " + name + " must be an object");
            boolean haveCount = false;
            boolean haveSum = false;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                if (field.equals("count")) {
                    counts[b] = readCount(p, v);
                    haveCount = true;
                } else if (field.equals("sum")) {
                    readSum(p, v, sums, b * UInt256.LIMBS);
                    haveSum = true;
                } else {
                    throw new JsonParseException(p, "unknown field '" + field + "' in bucket " + name);
                }
            }
            expect(p, haveCount && haveSum, "bucket " + name + " needs count and sum");
        }
    }

    private static int parseBucket(String name) {
        int hi = Character.digit(name.charAt(0), 16);
        int lo = Character.digit(name.charAt(1), 16);
        if (hi < 0 || lo < 0 || Character.isUpperCase(name.charAt(0)) || Character.isUpperCase(name.charAt(1))) {
            return -1;
        }
        return hi * 16 + lo;
    }

    private static long readCount(JsonParser p, JsonToken t) throws IOException {
        expect(p, t == JsonToken.VALUE_NUMBER_INT, "count must be an integer");
        long n = p.getLongValue();
        expect(p, n >= 0, "count must not be negative");
        return n;
    }

    private static void readSum(JsonParser p, JsonToken t, long[] into, int at) throws IOException {
        expect(
                p,
                t == JsonToken.VALUE_STRING && UInt256.parseHex(p.getText(), into, at),
                "sum must be 64 lower-case hex characters");
    }

    private static void expect(JsonParser p, boolean ok, String message) throws JsonParseException {
        if (!ok) {
            throw new JsonParseException(p, message);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopeDigest d
                && count == d.count
                && Arrays.equals(sum, d.sum)
                && Arrays.equals(bucketCounts, d.bucketCounts)
                && Arrays.equals(bucketSums, d.bucketSums);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(sum);
    }

    @Override
    public String toString() {
        return "ScopeDigest[count=" + count + ", sum=" + sumHex() + "]";
    }

    /**
     * Builds a {@link ScopeDigest}: {@link #add(Entry)} each entry in any order, then {@link
     * #toDigest()}. {@link #remove} undoes an add, since sums are order-independent. Mutable, for one
     * thread; {@link #toDigest()} may be called any number of times.
     */
    public static final class Accumulator {
        private final MessageDigest sha256 = EntryDigest.newSha256();
        private final byte[] keyHash = new byte[EntryDigest.LENGTH];
        private long count;
        private final long[] sum = new long[UInt256.LIMBS];
        private final long[] bucketCounts = new long[BUCKETS];
        private final long[] bucketSums = new long[BUCKETS * UInt256.LIMBS];

        private Accumulator() {}

        /** Adds an entry. */
        public Accumulator add(Entry entry) {
            return add(entry.key(), EntryDigest.of(entry, sha256));
        }

        /** Adds an entry by its key and digest. */
        public Accumulator add(Key key, EntryDigest digest) {
            int b = bucketOf(key, sha256, keyHash);
            count++;
            bucketCounts[b]++;
            UInt256.add(sum, 0, digest.bytesUnsafe());
            UInt256.add(bucketSums, b * UInt256.LIMBS, digest.bytesUnsafe());
            return this;
        }

        /** Removes an entry added before. */
        public Accumulator remove(Entry entry) {
            return remove(entry.key(), EntryDigest.of(entry, sha256));
        }

        /** Removes an entry added before, by its key and digest. */
        public Accumulator remove(Key key, EntryDigest digest) {
            int b = bucketOf(key, sha256, keyHash);
            count--;
            bucketCounts[b]--;
            UInt256.subtract(sum, 0, digest.bytesUnsafe());
            UInt256.subtract(bucketSums, b * UInt256.LIMBS, digest.bytesUnsafe());
            return this;
        }

        /** Adds every entry of a digest (digests of disjoint entry sets add up). */
        public Accumulator addAll(ScopeDigest digest) {
            count += digest.count;
            UInt256.add(sum, 0, digest.sum, 0);
            for (int b = 0; b < BUCKETS; b++) {
                bucketCounts[b] += digest.bucketCounts[b];
                UInt256.add(bucketSums, b * UInt256.LIMBS, digest.bucketSums, b * UInt256.LIMBS);
            }
            return this;
        }

        /** Entries added minus entries removed. */
        public long count() {
            return count;
        }

        /** The digest of the entries so far. */
        public ScopeDigest toDigest() {
            return new ScopeDigest(count, sum.clone(), bucketCounts.clone(), bucketSums.clone());
        }
    }
}
