package xapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// lrsServer records what an LRS receives and answers from a script.
type lrsServer struct {
	mu       sync.Mutex
	path     string // default /xapi/statements
	answers  []int  // status per request; 200 after the script runs out
	header   http.Header
	message  string
	requests int
	queries  []string
	received []map[string]any
	problems []string
}

func (s *lrsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	s.queries = append(s.queries, r.URL.RawQuery)
	check := func(ok bool, what string) {
		if !ok {
			s.problems = append(s.problems, what)
		}
	}
	path := s.path
	if path == "" {
		path = "/xapi/statements"
	}
	check(r.Method == http.MethodPost, "method "+r.Method)
	check(r.URL.Path == path, "path "+r.URL.Path)
	check(r.Header.Get("X-Experience-API-Version") == "1.0.3", "version header "+r.Header.Get("X-Experience-API-Version"))
	check(strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"), "content type "+r.Header.Get("Content-Type"))
	user, key, ok := r.BasicAuth()
	check(ok && user == "lrs-user" && key == "s3cret", "basic auth")
	status := http.StatusOK
	if len(s.answers) > 0 {
		status, s.answers = s.answers[0], s.answers[1:]
	}
	body, _ := io.ReadAll(r.Body)
	if status >= 300 {
		for k, v := range s.header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		io.WriteString(w, s.message)
		return
	}
	var batch []map[string]any
	if err := json.Unmarshal(body, &batch); err != nil {
		s.problems = append(s.problems, "body: "+err.Error())
	}
	for _, st := range batch {
		s.problems = append(s.problems, validateStatement(st)...)
	}
	s.received = append(s.received, batch...)
	w.Header().Set("Content-Type", "application/json")
	ids := []string{}
	for _, st := range batch {
		ids = append(ids, st["id"].(string))
	}
	json.NewEncoder(w).Encode(ids)
}

func (s *lrsServer) count() (requests, received int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests, len(s.received)
}

func collect(t *testing.T) []Statement {
	t.Helper()
	var list []Statement
	if err := EachStatement(recordstest.Fixture(), XAPIOptions{Book: recordstest.Book()}, func(s Statement) error {
		list = append(list, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return list
}

// newLRS is a client of the LRS at url with short waits; waits collects
// each wait before a retry.
func newLRS(url string, waits *[]time.Duration) *LRS {
	return &LRS{Endpoint: url + "/xapi/", User: "lrs-user", Key: "s3cret", BatchSize: 4,
		MinWait: 4 * time.Millisecond, MaxWait: 40 * time.Millisecond,
		Waiting: func(d time.Duration, _ string) { *waits = append(*waits, d) }}
}

func TestLRSSendsInBatches(t *testing.T) {
	srv := &lrsServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var waits []time.Duration
	var progress []int
	l := newLRS(ts.URL, &waits)
	l.Progress = func(sent int) { progress = append(progress, sent) }
	sent, err := l.Send(context.Background(), collect(t))
	if err != nil {
		t.Fatal(err)
	}
	if sent != 10 || len(srv.received) != 10 || srv.requests != 3 {
		t.Errorf("sent %d, received %d in %d requests; want 10 in 3", sent, len(srv.received), srv.requests)
	}
	if len(srv.problems) > 0 {
		t.Errorf("the LRS saw problems: %v", srv.problems)
	}
	if len(waits) != 0 {
		t.Errorf("waited %v with no failures", waits)
	}
	if len(progress) != 3 || progress[2] != 10 {
		t.Errorf("progress %v", progress)
	}
}

// SendEach posts each batch as soon as it is full, before the next
// statement is even made: memory holds one batch, whatever the export;
// accepted is called after each batch the LRS took.
func TestLRSSendEachStreams(t *testing.T) {
	srv := &lrsServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var waits []time.Duration
	l := newLRS(ts.URL, &waits)
	all := collect(t)
	accepted := 0
	sent, err := l.SendEach(context.Background(), func(yield func(Statement) error) error {
		for i, s := range all {
			if want := i / l.BatchSize * l.BatchSize; len(srv.received) != want {
				t.Errorf("before statement %d the LRS had %d statements, want %d", i, len(srv.received), want)
			}
			if err := yield(s); err != nil {
				return err
			}
		}
		return nil
	}, func() error { accepted++; return nil })
	if err != nil || sent != len(all) || len(srv.received) != len(all) {
		t.Fatalf("sent %d of %d (received %d): %v", sent, len(all), len(srv.received), err)
	}
	if accepted != 3 {
		t.Errorf("accepted called %d times, want once per batch (3)", accepted)
	}
}

// An error while making the statements stops the sending and is returned.
func TestLRSSendEachStopsOnSourceError(t *testing.T) {
	srv := &lrsServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var waits []time.Duration
	broken := errors.New("damaged record")
	all := collect(t)
	sent, err := newLRS(ts.URL, &waits).SendEach(context.Background(), func(yield func(Statement) error) error {
		for _, s := range all[:6] {
			if err := yield(s); err != nil {
				return err
			}
		}
		return broken
	}, nil)
	if !errors.Is(err, broken) || sent != 4 || len(srv.received) != 4 {
		t.Errorf("sent %d, received %d, err %v; want 4, 4 and the source's error", sent, len(srv.received), err)
	}
}

// 5xx (but 501), 408 and 429 are retried with an exponential backoff
// with jitter: each wait lies between half and all of min·2^n.
func TestLRSRetriesPassingFailuresWithJitteredBackoff(t *testing.T) {
	srv := &lrsServer{answers: []int{503, 500, 502, 408, 429}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var waits []time.Duration
	l := newLRS(ts.URL, &waits)
	l.Retries = 5
	sent, err := l.Send(context.Background(), collect(t)[:2])
	if err != nil {
		t.Fatal(err)
	}
	if sent != 2 || srv.requests != 6 {
		t.Errorf("sent %d in %d requests; want 2 in 6", sent, srv.requests)
	}
	if len(waits) != 5 {
		t.Fatalf("waits %v, want 5", waits)
	}
	for n, w := range waits {
		ceiling := min(l.MinWait<<n, l.MaxWait)
		if w < ceiling/2 || w > ceiling {
			t.Errorf("wait %d = %v, want between %v and %v", n, w, ceiling/2, ceiling)
		}
	}
}

// A Retry-After on 429 and 503 is what the LRS asks for: it is waited as
// given, in seconds or as a date.
func TestLRSHonoursRetryAfter(t *testing.T) {
	for _, status := range []int{429, 503} {
		srv := &lrsServer{answers: []int{status}, header: http.Header{"Retry-After": {"1"}}}
		ts := httptest.NewServer(srv)
		var waits []time.Duration
		start := time.Now()
		sent, err := newLRS(ts.URL, &waits).Send(context.Background(), collect(t)[:1])
		ts.Close()
		if err != nil || sent != 1 {
			t.Fatalf("%d: sent %d: %v", status, sent, err)
		}
		if len(waits) != 1 || waits[0] != time.Second || time.Since(start) < time.Second {
			t.Errorf("%d: waits %v after %v, want exactly the 1s asked for", status, waits, time.Since(start))
		}
	}
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if d, ok := retryAfter("Sun, 01 Mar 2026 09:00:30 GMT", now); !ok || d != 30*time.Second {
		t.Errorf("date Retry-After = %v %v, want 30s", d, ok)
	}
	for _, bad := range []string{"", "soon", "-1", "99999999"} {
		if d, ok := retryAfter(bad, now); ok {
			t.Errorf("Retry-After %q taken as %v", bad, d)
		}
	}
}

// Answers that will not change are not retried: other 4xx and 501.
func TestLRSDoesNotRetryLastingRefusals(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 413, 501} {
		srv := &lrsServer{answers: []int{status, status, status}, message: `{"error": true, "message": "no\u001b[31m"}`}
		ts := httptest.NewServer(srv)
		var waits []time.Duration
		_, err := newLRS(ts.URL, &waits).Send(context.Background(), collect(t)[:1])
		ts.Close()
		var lrsErr *LRSError
		if !errors.As(err, &lrsErr) || lrsErr.Status != status {
			t.Errorf("%d: err = %v, want the LRS's refusal", status, err)
			continue
		}
		if srv.requests != 1 || len(waits) != 0 {
			t.Errorf("%d: %d requests, waits %v; want 1 and none", status, srv.requests, waits)
		}
		if strings.Contains(err.Error(), "\x1b") || !strings.Contains(err.Error(), "no") {
			t.Errorf("%d: message %q", status, err)
		}
	}
}

func TestLRSKeepsTheMessageOfAFailureRetriedToTheEnd(t *testing.T) {
	srv := &lrsServer{answers: []int{503, 503, 503}, message: "down for maintenance"}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var waits []time.Duration
	l := newLRS(ts.URL, &waits)
	l.Retries = 2
	_, err := l.Send(context.Background(), collect(t)[:1])
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "down for maintenance") {
		t.Fatalf("err = %v", err)
	}
	if srv.requests != 3 || len(waits) != 2 {
		t.Errorf("%d requests, %d waits; want 3 and 2", srv.requests, len(waits))
	}
}

// A port nobody listens on is said at once, not after retries.
func TestLRSRefusedConnectionIsSaidAtOnce(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close()
	var waits []time.Duration
	l := newLRS(url, &waits)
	// Any retry would wait a whole minute first: an answer within the
	// minute is one given without retrying.
	l.MinWait, l.MaxWait = time.Minute, time.Minute
	start := time.Now()
	_, err := l.Send(context.Background(), collect(t)[:1])
	if err == nil || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), strings.TrimPrefix(url, "http://")) {
		t.Fatalf("err = %v, want a refused connection naming the address", err)
	}
	if len(waits) != 0 || time.Since(start) >= time.Minute {
		t.Errorf("waited %v (%v) before saying so", waits, time.Since(start))
	}
}

// An LRS that takes the connection and never answers is bounded by the
// push's deadline.
func TestLRSHangingIsBoundedByTheTimeout(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(release)
	var waits []time.Duration
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newLRS(ts.URL, &waits).Send(ctx, collect(t)[:1])
	if err == nil || !strings.Contains(err.Error(), "did not answer in time") {
		t.Fatalf("err = %v", err)
	}
	// The LRS never answers: without the deadline Send would wait for ever.
	if took := time.Since(start); took > time.Minute {
		t.Errorf("gave up after %v, want about the 300ms timeout", took)
	}
}

// An answer that is not xAPI (an HTML page, a wrong count of ids, an
// endless body) is an error, never counted as sent.
func TestLRSLiesAreNotTakenForAcceptance(t *testing.T) {
	endless := func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
		chunk := []byte(strings.Repeat("[", 64<<10))
		for i := 0; i < 5<<30/len(chunk); i++ { // 5 GB unless the client hangs up
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
	cases := map[string]struct {
		handler http.HandlerFunc
		want    string
	}{
		"garbage": {func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>Welcome\x1b]0;x\a</html>") }, "not with the statements' ids"},
		"count":   {func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `["only-one"]`) }, "1 statement ids for 2 statements"},
		"endless": {endless, "over 1048576 bytes"},
		"endless error": {func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			for i := 0; i < 5<<30/8; i++ {
				if _, err := io.WriteString(w, "bad req "); err != nil {
					return
				}
			}
		}, "400 Bad Request"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var wrote atomic.Int64
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				c.handler(countingWriter{w, &wrote}, r)
			}))
			defer ts.Close()
			var waits []time.Duration
			sent, err := newLRS(ts.URL, &waits).Send(context.Background(), collect(t)[:2])
			if err == nil || !strings.Contains(err.Error(), c.want) || sent != 0 {
				t.Fatalf("sent %d, err = %v; want %q", sent, err, c.want)
			}
			if strings.ContainsAny(err.Error(), "\x1b\a") {
				t.Errorf("error carries control characters: %q", err)
			}
			if len(err.Error()) > 800 {
				t.Errorf("error of %d bytes", len(err.Error()))
			}
			// The client stops reading at its limit and hangs up: the server
			// gets no further than that and what the connection buffers.
			ts.Close()
			if n := wrote.Load(); n > maxUnread {
				t.Errorf("the LRS wrote %d MB before the client hung up", n>>20)
			}
		})
	}
}

// maxUnread is more than a client that stops reading a body at its limit
// (at most 64 MiB) lets a server write into the connection.
const maxUnread = 256 << 20

// countingWriter counts the body bytes a test LRS manages to write.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// A redirect that would turn the POST into a GET, or take the credentials
// to another origin (another port is another origin), is an error naming
// where it pointed; the target gets nothing. A 307/308 on the same origin
// keeps the POST and its body, and is followed.
func TestLRSRedirects(t *testing.T) {
	for _, c := range []struct {
		name        string
		status      int
		otherOrigin bool
		followed    bool
	}{
		{"301 same origin", 301, false, false},
		{"302 same origin", 302, false, false},
		{"303 same origin", 303, false, false},
		{"307 same origin", 307, false, true},
		{"308 same origin", 308, false, true},
		{"301 other port", 301, true, false},
		{"302 other port", 302, true, false},
		{"303 other port", 303, true, false},
		{"307 other port", 307, true, false},
		{"308 other host", 308, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			target := &lrsServer{path: "/moved/statements"}
			var mu sync.Mutex
			var authSeen []string
			targetTS := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				authSeen = append(authSeen, r.Header.Get("Authorization"))
				mu.Unlock()
				target.ServeHTTP(w, r)
			}))
			defer targetTS.Close()
			var origin *httptest.Server
			origin = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/moved/") {
					target.ServeHTTP(w, r)
					return
				}
				loc := origin.URL + "/moved/statements"
				if c.otherOrigin {
					loc = targetTS.URL + "/moved/statements"
					if c.name == "308 other host" {
						loc = strings.Replace(loc, "127.0.0.1", "localhost", 1)
					}
				}
				http.Redirect(w, r, loc, c.status)
			}))
			defer origin.Close()
			var waits []time.Duration
			sent, err := newLRS(origin.URL, &waits).Send(context.Background(), collect(t)[:3])
			requests, received := target.count()
			if c.followed {
				if err != nil || sent != 3 || received != 3 || len(target.problems) > 0 {
					t.Fatalf("sent %d, target received %d (%v): %v", sent, received, target.problems, err)
				}
				return
			}
			var redirect *RedirectError
			if !errors.As(err, &redirect) || !strings.Contains(err.Error(), "/moved/statements") {
				t.Fatalf("err = %v, want a redirect error naming the new location", err)
			}
			if sent != 0 || received != 0 {
				t.Errorf("sent %d, the target received %d statements", sent, received)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(authSeen) > 0 || (c.otherOrigin && requests > 0) {
				t.Errorf("the other origin got %d requests, credentials %q", requests, authSeen)
			}
		})
	}
}

// A query in the endpoint stays a query: "statements" joins the path.
func TestLRSEndpointWithQuery(t *testing.T) {
	srv := &lrsServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var waits []time.Duration
	l := newLRS(ts.URL, &waits)
	l.Endpoint = ts.URL + "/xapi?tenant=north&x=1"
	if _, err := l.Send(context.Background(), collect(t)[:1]); err != nil {
		t.Fatal(err)
	}
	if len(srv.problems) > 0 || len(srv.queries) != 1 || srv.queries[0] != "tenant=north&x=1" {
		t.Errorf("problems %v, queries %q", srv.problems, srv.queries)
	}
}

// An address is never shown with its password, whether it parses or not.
func TestEndpointErrorsNeverShowThePassword(t *testing.T) {
	for _, s := range []string{
		"https://user:hunter2@lrs.example.com/xapi",
		"https://user:hunter2@lrs example.com/xapi",
		"https://user:hunter2@[::1/xapi",
		"http://user:hunter2@%zz/",
		"ftp://user:hunter2@lrs.example.com/",
	} {
		_, err := ParseEndpoint(s)
		if err == nil {
			t.Errorf("%q accepted", s)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error for %q shows the password: %v", s, err)
		}
		if got := RedactURL(s); strings.Contains(got, "hunter2") {
			t.Errorf("RedactURL(%q) = %q", s, got)
		}
	}
	if _, err := ParseEndpoint("https://lrs.example.com/xapi?x=1"); err != nil {
		t.Errorf("a plain address refused: %v", err)
	}
}

func TestLRSMessagePlainText(t *testing.T) {
	if got := lrsMessage([]byte("  Forbidden:\n bad key  ")); got != "Forbidden: bad key" {
		t.Errorf("message %q", got)
	}
}
