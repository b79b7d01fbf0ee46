// The client-info service the LRS asks about each request's credentials
// (AUTH_REPO=fetch): it knows one test client, from PLAYDRILL_TEST_LRS_USER
// and PLAYDRILL_TEST_LRS_KEY, with every scope; anything else is unknown.
'use strict';
const http = require('http');
const user = process.env.PLAYDRILL_TEST_LRS_USER;
const key = process.env.PLAYDRILL_TEST_LRS_KEY;
const port = Number(process.env.AUTH_PORT);
if (!user || !key || !port) {
  console.error('auth.js needs PLAYDRILL_TEST_LRS_USER, PLAYDRILL_TEST_LRS_KEY and AUTH_PORT');
  process.exit(2);
}
const expected = 'Basic ' + Buffer.from(user + ':' + key).toString('base64');
const client = {
  _id: '5a0b6f3a9c1d2e3f4a5b6c7d',
  title: 'playdrill test client',
  authority: { objectType: 'Agent', name: 'playdrill test client', mbox: 'mailto:ci@playdrill.invalid' },
  isTrusted: true,
  lrs_id: '5a0b6f3a9c1d2e3f4a5b6c7e',
  organisation: '5a0b6f3a9c1d2e3f4a5b6c7f',
  scopes: ['all'],
};
http.createServer((req, res) => {
  if (req.headers.authorization === expected) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(client));
    return;
  }
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end('{"message":"no such client"}');
}).listen(port, '127.0.0.1');
