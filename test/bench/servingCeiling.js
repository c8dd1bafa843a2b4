// The ceiling of Node's HTTP on this machine for `npm run bench serving`: a plain node:http server
// that reads and parses the same request body as `mlops serve` and answers a fixed body of the same
// size (read from the file named in argv[2]). Prints "listening on http://HOST:PORT" like the real server.
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');

const answer = readFileSync(process.argv[2], 'utf8');
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    } catch {
      res.writeHead(400);
      res.end();
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
process.on('SIGINT', () => server.close(() => process.exit(0)));
