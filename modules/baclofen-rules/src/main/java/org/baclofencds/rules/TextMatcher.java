package org.baclofencds.rules;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whole-word, case-insensitive match of any of a set of names in free text.
 *
 * <p>A value set can publish thousands of names; one regular expression alternating all of them tried each name at
 * each position of each order's text, which made name matching the largest part of reading a record. Here each
 * place a word may start is looked up in a hash set, once per distinct name length, longest first: the same answer
 * (the leftmost match, the longest name there) at a fraction of the cost.
 */
final class TextMatcher {
    private final Set<String> names = new HashSet<>();
    /** The distinct name lengths, longest first. */
    private final int[] lengths;

    TextMatcher(Collection<String> candidates) {
        TreeSet<Integer> distinct = new TreeSet<>();
        for (String n : candidates) {
            if (n != null && !n.isBlank()) {
                String name = n.trim().toLowerCase(Locale.ROOT);
                names.add(name);
                distinct.add(name.length());
            }
        }
        lengths = distinct.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The first name found in the text (as written there), or null. */
    String find(String text) {
        if (names.isEmpty() || text == null || text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.length() != text.length()) {
            lower = text; // a rare character whose lower case has another length: match as written
        }
        int n = lower.length();
        for (int start = 0; start < n; start++) {
            if (start > 0 && wordChar(lower.charAt(start - 1))) {
                continue;
            }
            for (int len : lengths) {
                int end = start + len;
                if (end > n || (end < n && wordChar(lower.charAt(end)))) {
                    continue;
                }
                if (names.contains(lower.substring(start, end))) {
                    return text.substring(start, end);
                }
            }
        }
        return null;
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
