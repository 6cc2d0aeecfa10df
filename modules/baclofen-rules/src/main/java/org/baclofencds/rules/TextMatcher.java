package org.baclofencds.rules;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whole-word, case-insensitive match of the names of many value sets in free text, in one pass over the text.
 *
 * <p>A value set can publish thousands of names, and an order's text is tried against every drug class. One
 * regular expression per value set, and later a hash lookup per value set at every position and name length, made
 * name matching the largest part of reading a record. Here all value sets share one index (name → the value sets
 * that publish it), and a text is looked up only between the places a word may start and end, so one pass answers
 * every value set: the same answer per value set as before (the leftmost match, and there the longest name).
 */
final class TextMatcher {
    /** Lower-case name → the value sets that publish it. */
    private final Map<String, String[]> names = new HashMap<>();

    private final int longest;

    /** {@code namesByValueSet}: value-set URL → its names. */
    TextMatcher(Map<String, ? extends Collection<String>> namesByValueSet) {
        Map<String, Set<String>> index = new HashMap<>();
        int max = 0;
        for (Map.Entry<String, ? extends Collection<String>> e : namesByValueSet.entrySet()) {
            for (String n : e.getValue()) {
                if (n != null && !n.isBlank()) {
                    String name = n.trim().toLowerCase(Locale.ROOT);
                    index.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(e.getKey());
                    max = Math.max(max, name.length());
                }
            }
        }
        index.forEach((name, urls) -> names.put(name, urls.toArray(String[]::new)));
        longest = max;
    }

    /** The first name of {@code valueSetUrl} found in the text (as written there), or null. */
    String find(String valueSetUrl, String text) {
        Candidates c = candidates(text);
        if (c == null) {
            return null;
        }
        for (int start : c.starts) {
            for (int i = c.ends.length - 1; i >= 0; i--) {
                int end = c.ends[i];
                if (end <= start || end - start > longest) {
                    continue;
                }
                String[] urls = names.get(c.lower.substring(start, end));
                if (urls != null && contains(urls, valueSetUrl)) {
                    return text.substring(start, end);
                }
            }
        }
        return null;
    }

    /** Every value set one of whose names appears in the text. */
    Set<String> valueSetsNamedIn(String text) {
        Candidates c = candidates(text);
        if (c == null) {
            return Set.of();
        }
        Set<String> found = new LinkedHashSet<>();
        for (int start : c.starts) {
            for (int end : c.ends) {
                if (end > start && end - start <= longest) {
                    String[] urls = names.get(c.lower.substring(start, end));
                    if (urls != null) {
                        found.addAll(List.of(urls));
                    }
                }
            }
        }
        return found;
    }

    /** Where a name may start (no letter or digit just before) and end (none just after), in the lower-cased text. */
    private record Candidates(String lower, int[] starts, int[] ends) {}

    private Candidates candidates(String text) {
        if (names.isEmpty() || text == null || text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            lower = text; // a rare character whose lower case has another length: match as written
        }
        int n = lower.length();
        boolean[] word = new boolean[n];
        for (int i = 0; i < n; i++) {
            word[i] = wordChar(lower.charAt(i));
        }
        int[] starts = new int[n];
        int[] ends = new int[n];
        int s = 0;
        int e = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && (i == 0 || !word[i - 1])) {
                starts[s++] = i;
            }
            if (i > 0 && (i == n || !word[i])) {
                ends[e++] = i;
            }
        }
        return new Candidates(lower, Arrays.copyOf(starts, s), Arrays.copyOf(ends, e));
    }

    private static boolean contains(String[] urls, String url) {
        for (String u : urls) {
            if (u.equals(url)) {
                return true;
            }
        }
        return false;
    }

    /** A letter or a number ({@code \p{L}} or {@code \p{N}}): a name must not start or end inside a word. */
    private static boolean wordChar(char c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
