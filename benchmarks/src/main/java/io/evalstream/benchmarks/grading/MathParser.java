package io.evalstream.benchmarks.grading;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The recursive-descent parser behind {@link MathExpressions}: one pass over the input, a depth limit against
 * nesting, no regular expressions.
 */
final class MathParser {

    private static final int MAX_DEPTH = 64;

    private final String s;
    private int at;
    private int depth;

    private MathParser(String s) {
        this.s = s;
    }

    /** The value of the whole input, or empty when it is not a number this parser reads. */
    static Optional<MathValue> parse(String s) {
        try {
            MathParser parser = new MathParser(s);
            MathValue value = parser.expression();
            return parser.at == s.length() ? Optional.of(value) : Optional.empty();
        } catch (ArithmeticException | NotANumber e) {
            return Optional.empty();
        }
    }

    private MathValue expression() {
        enter();
        MathValue value = term();
        while (at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-')) {
            boolean plus = s.charAt(at++) == '+';
            MathValue right = term();
            value = plus ? value.plus(right) : value.plus(right.negate());
        }
        depth--;
        return value;
    }

    private MathValue term() {
        MathValue value = unary();
        while (true) {
            if (eat("\\cdot") || eat("\\times") || eat("*")) {
                value = value.times(unary());
            } else if (eat("\\div") || eat("/")) {
                value = value.dividedBy(unary());
            } else if (startsAtom()) {
                value = value.times(power());
            } else {
                return value;
            }
        }
    }

    private MathValue unary() {
        enter();
        MathValue value = eat("-") ? unary().negate() : eat("+") ? unary() : power();
        depth--;
        return value;
    }

    private MathValue power() {
        MathValue base = atom();
        if (!eat("^")) {
            return base;
        }
        enter();
        MathValue exponent = at < s.length() && s.charAt(at) == '{' ? argument()
                : eat("-") ? atom().negate() : atom();
        depth--;
        return base.pow(exponent);
    }

    private MathValue atom() {
        if (at < s.length() && (NumberScanner.isDigit(s.charAt(at)) || s.charAt(at) == '.')) {
            return number();
        }
        if (eat("\\frac")) {
            MathValue numerator = argument();
            return numerator.dividedBy(argument());
        }
        if (eat("\\sqrt")) {
            MathValue index = MathValue.rational(BigInteger.TWO, BigInteger.ONE);
            if (eat("[")) {
                index = expression();
                expect(']');
            }
            return argument().root(index);
        }
        if (eat("\\pi")) {
            return MathValue.PI;
        }
        if (eat("(")) {
            MathValue inner = expression();
            expect(')');
            return inner;
        }
        return argument();
    }

    /** A braced group, or the single digit LaTeX allows without braces. */
    private MathValue argument() {
        if (eat("{")) {
            MathValue inner = expression();
            expect('}');
            return inner;
        }
        if (at < s.length() && NumberScanner.isDigit(s.charAt(at))) {
            return MathValue.decimal(String.valueOf(s.charAt(at++)));
        }
        throw new NotANumber();
    }

    /** A decimal literal; an integer directly followed by {@code \frac{p}{q}} of integers is a mixed number. */
    private MathValue number() {
        int start = at;
        while (at < s.length() && (NumberScanner.isDigit(s.charAt(at)) || s.charAt(at) == '.')) {
            at++;
        }
        String digits = s.substring(start, at);
        if (digits.indexOf('.') != digits.lastIndexOf('.') || digits.endsWith(".")) {
            throw new NotANumber();
        }
        MathValue value = MathValue.decimal(digits.startsWith(".") ? "0" + digits : digits);
        int fraction = digits.contains(".") ? -1 : mixedFractionEnd(at);
        if (fraction < 0) {
            return value;
        }
        at += "\\frac{".length();
        MathValue numerator = number();
        at += "}{".length();
        MathValue denominator = number();
        at = fraction;
        return value.plus(numerator.dividedBy(denominator));
    }

    /** Where {@code \frac{digits}{digits}} starting at {@code from} ends; -1 if something else is there. */
    private int mixedFractionEnd(int from) {
        if (!s.startsWith("\\frac{", from)) {
            return -1;
        }
        int i = digitsEnd(from + "\\frac{".length());
        if (i < 0 || !s.startsWith("}{", i)) {
            return -1;
        }
        i = digitsEnd(i + 2);
        return i >= 0 && i < s.length() && s.charAt(i) == '}' ? i + 1 : -1;
    }

    private int digitsEnd(int from) {
        int i = from;
        while (i < s.length() && NumberScanner.isDigit(s.charAt(i))) {
            i++;
        }
        return i > from ? i : -1;
    }

    private boolean startsAtom() {
        if (at >= s.length()) {
            return false;
        }
        char c = s.charAt(at);
        return NumberScanner.isDigit(c) || c == '.' || c == '(' || c == '{' || s.startsWith("\\frac", at)
                || s.startsWith("\\sqrt", at) || s.startsWith("\\pi", at);
    }

    private boolean eat(String token) {
        if (!s.startsWith(token, at)) {
            return false;
        }
        int end = at + token.length();
        // "\pi" must not eat the start of "\pin"; a command ends where its letters do.
        if (token.charAt(0) == '\\' && end < s.length() && Character.isLetter(s.charAt(end))) {
            return false;
        }
        at = end;
        return true;
    }

    private void expect(char c) {
        if (at >= s.length() || s.charAt(at) != c) {
            throw new NotANumber();
        }
        at++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new NotANumber();
        }
    }

    /** Thrown inside the parser for input that is not a number; never escapes {@link #parse}. */
    private static final class NotANumber extends RuntimeException {
        NotANumber() {
            super(null, null, false, false);
        }
    }
}
