package dev.glint.local;

import dev.glint.model.Json;
import dev.glint.token.TokenClaims;
import dev.glint.token.TokenKind;
import dev.glint.token.TokenResult;
import dev.glint.token.TokenSealer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code glint token seal|open}: make or inspect tracking tokens with the local keys. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Seal or open a tracking token with the local stack's keys (.glint/data/token-keys.json).",
        subcommands = {TokenCommand.Seal.class, TokenCommand.Open.class})
final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use seal or open");
    }

    static class KeyOption {
        @Option(names = "--keys", description = "Key ring JSON file (default: .glint/data/token-keys.json).")
        Path keys;

        TokenSealer sealer() {
            return new TokenSealer(CliKeys.load(keys == null ? CliKeys.DEFAULT_FILE : keys, keys != null));
        }
    }

    @Command(name = "seal", mixinStandardHelpOptions = true, description = "Seal claims into a token and print it.")
    static final class Seal implements Callable<Integer> {
        @CommandLine.Mixin
        KeyOption keys = new KeyOption();

        @Option(names = "--kind", required = true, description = "open or click")
        String kind;

        @Option(names = "--account", required = true)
        String account;

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--recipient", defaultValue = "0")
        int recipient;

        @Option(names = "--link", defaultValue = "0", description = "Link index (click only).")
        int link;

        @Option(names = "--destination", description = "Redirect target (click only).")
        String destination;

        @Option(names = "--days", defaultValue = "" + dev.glint.send.SendService.DEFAULT_TOKEN_LIFETIME_DAYS, description = "Lifetime in days (default: ${DEFAULT-VALUE}).")
        int days;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Instant expires = Instant.now().plus(Duration.ofDays(days));
            TokenClaims claims = switch (kind) {
                case "open" -> TokenClaims.open(account, email, recipient, expires);
                case "click" -> {
                    if (destination == null) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "a click token needs --destination");
                    }
                    yield TokenClaims.click(account, email, recipient, link, destination, expires);
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "--kind must be open or click");
            };
            spec.commandLine().getOut().println(keys.sealer().seal(claims));
            return 0;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Open a token (or a /o/ or /c/ URL) and print its claims as JSON; exit 1 when invalid.")
    static final class Open implements Callable<Integer> {
        @CommandLine.Mixin
        KeyOption keys = new KeyOption();

        @Parameters(index = "0", description = "The token, or a tracking URL that contains it.")
        String token;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TokenResult result = keys.sealer().open(strip(token), Instant.now());
            Map<String, Object> out = new LinkedHashMap<>();
            switch (result) {
                case TokenResult.Valid(TokenClaims c) -> describe(out, "valid", c);
                case TokenResult.Expired(TokenClaims c) -> describe(out, "expired", c);
                case TokenResult.Invalid(String reason) -> {
                    out.put("status", "invalid");
                    out.put("reason", reason);
                }
            }
            spec.commandLine().getOut().println(Json.write(out));
            return result instanceof TokenResult.Invalid ? 1 : 0;
        }

        private static void describe(Map<String, Object> out, String status, TokenClaims c) {
            out.put("status", status);
            out.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
            out.put("account", c.accountId());
            out.put("email", c.emailId());
            out.put("recipient", c.recipient());
            if (c.kind() == TokenKind.CLICK) {
                out.put("link", c.link());
                out.put("destination", c.destination());
            }
            out.put("expiresAt", c.expiresAt().toString());
        }

        /** Accepts a whole tracking URL: keeps what follows /o/ or /c/, without .gif/.png. */
        static String strip(String value) {
            String t = value.trim();
            int at = Math.max(t.lastIndexOf("/o/"), t.lastIndexOf("/c/"));
            if (at >= 0) {
                t = t.substring(at + 3);
            }
            if (t.endsWith(".gif") || t.endsWith(".png")) {
                t = t.substring(0, t.length() - 4);
            }
            return t;
        }
    }
}
