import nock from 'nock';

// No test may reach the internet: every outbound HTTP call must be served by nock or by a
// local server on loopback.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
