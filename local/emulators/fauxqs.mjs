// Starts fauxqs (SQS + SNS + S3 emulator) listening on 127.0.0.1 only.
// Usage: node fauxqs.mjs [port]   (or env FAUXQS_PORT; 0 = any free port)
// fauxqs's own CLI and startFauxqs() always listen on 0.0.0.0 (hard-coded in dist/app.js;
// their `host` option only sets the host used in queue URLs), so this builds the app with the
// exported buildApp() (see the package README) and listens on the loopback address ourselves.
// Queue URLs keep fauxqs's default form http://sqs.<region>.localhost:<port>/000000000000/<name>.
import { buildApp } from "fauxqs";

const port = Number.parseInt(process.argv[2] ?? process.env.FAUXQS_PORT ?? "4566", 10);
const app = buildApp({ logger: process.env.FAUXQS_LOGGER !== "false" });
// Presigned GETs answer as the stack's attachments bucket does: its CORS rule lets the viewer's
// script read a redirected document from any origin, and S3 honours the signed response-* overrides.
app.addHook("onSend", (request, reply, payload, done) => {
  const query = request.query ?? {};
  if ((request.method === "GET" || request.method === "HEAD") && typeof query["X-Amz-Signature"] === "string") {
    reply.header("access-control-allow-origin", "*");
    reply.header("access-control-expose-headers", "content-length, content-range, content-type, etag");
    for (const [name, header] of [["response-content-type", "content-type"],
        ["response-content-disposition", "content-disposition"], ["response-cache-control", "cache-control"]]) {
      if (typeof query[name] === "string" && reply.statusCode < 300) {
        reply.header(header, query[name]);
      }
    }
  }
  done(null, payload);
});
const address = await app.listen({ host: "127.0.0.1", port });
const stop = () => app.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
console.log(`fauxqs listening at ${address}`);
