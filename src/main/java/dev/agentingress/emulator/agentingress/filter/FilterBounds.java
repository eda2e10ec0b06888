package dev.agentingress.emulator.agentingress.filter;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import cel.parser.internal.CELLexer;

/**
 * How big a filter may be before it is parsed. CEL's parser descends recursively through every bracket, and deep
 * nesting (a thousand {@code (}, or {@code obj.domain.startsWith(} inside itself) overflows a request thread's stack
 * before CEL's own recursion limit is reached. Brackets are counted on CEL's own tokens, so that a bracket inside a
 * string literal (raw or not) or a comment is counted exactly as the parser would see it, and never at all.
 */
final class FilterBounds {

    /** Generous for ngrok's filters (an {@code in} list of a hundred IDs is about 3,500 characters). */
    static final int MAX_LENGTH = 4096;
    /** Far more than a filter needs, far less than the stack of a request thread holds. */
    static final int MAX_NESTING = 32;

    private FilterBounds() {
    }

    /** @throws InvalidFilterException when the expression is too long or nests brackets too deeply */
    static void check(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidFilterException("the expression has " + expression.length()
                    + " characters, more than the limit of " + MAX_LENGTH);
        }
        if (nesting(expression) > MAX_NESTING) {
            throw new InvalidFilterException("brackets are nested more than " + MAX_NESTING + " deep");
        }
    }

    /** The deepest nesting of (), [] and {} (the lexer is a state machine: it does not recurse). */
    static int nesting(String expression) {
        CELLexer lexer = new CELLexer(CharStreams.fromString(expression));
        // a token it cannot read is the parser's to report, with its position
        lexer.removeErrorListeners();
        int depth = 0;
        int deepest = 0;
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            int type = token.getType();
            if (type == CELLexer.LPAREN || type == CELLexer.LBRACKET || type == CELLexer.LBRACE) {
                deepest = Math.max(deepest, ++depth);
            } else if (type == CELLexer.RPAREN || type == CELLexer.RPRACKET || type == CELLexer.RBRACE) {
                depth = Math.max(0, depth - 1);
            }
        }
        return deepest;
    }
}
