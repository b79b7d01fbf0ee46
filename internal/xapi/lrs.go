package xapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/playdrill/playdrill/internal/safe"
)

// HeaderVersion is the xAPI version playdrill speaks, sent in the
// X-Experience-API-Version header every request needs. Statements
// themselves carry no version: the LRS fills it in.
const HeaderVersion = "1.0.3"

// Defaults of an LRS client.
const (
	DefaultBatchSize      = 100
	DefaultRetries        = 4
	DefaultMinWait        = time.Second
	DefaultMaxWait        = 30 * time.Second
	DefaultRequestTimeout = 30 * time.Second
	// maxAnswer bounds what is read of an answer to a POST: the ids of
	// one batch, or an error message.
	maxAnswer = 1 << 20
)

// LRS talks to a learning record store's statements resource.
type LRS struct {
	// Endpoint is the LRS's xAPI base; statements go to its path joined
	// with "statements", any query kept.
	Endpoint string
	User     string
	Key      string
	// HTTP makes the requests; default a pooled client with a
	// RequestTimeout per request. Its CheckRedirect is replaced.
	HTTP *http.Client
	// BatchSize is the number of statements per request (default 100).
	BatchSize int
	// Retries bounds the retries of one request (default 4): 408, 429,
	// 5xx other than 501 and broken connections are retried; a refused
	// connection, other 4xx and 501 are not.
	Retries int
	// MinWait and MaxWait bound the exponential backoff (with jitter)
	// between retries; a Retry-After on 429 or 503 is honoured as is.
	MinWait, MaxWait time.Duration
	// RequestTimeout bounds each request (default 30 s). Bound the whole
	// push with the context.
	RequestTimeout time.Duration
	// Progress, if set, is told after each batch how many were sent.
	Progress func(sent int)
	// Waiting, if set, is told before each wait for a retry, and why.
	Waiting func(wait time.Duration, why string)

	client *retryablehttp.Client
	why    string // the last retried failure, for Waiting
}

// LRSError is an answer the LRS refused statements with.
type LRSError struct {
	Status  int
	Message string
}

func (e *LRSError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("the LRS refused the statements: %d %s", e.Status, http.StatusText(e.Status))
	}
	return fmt.Sprintf("the LRS refused the statements (%d %s): %s", e.Status, http.StatusText(e.Status), e.Message)
}

// IsLRSError reports whether err is a refusal by the LRS.
func IsLRSError(err error) bool {
	var e *LRSError
	return errors.As(err, &e)
}

// RedirectError is a redirect playdrill does not follow: one that would
// turn the POST into a GET (and lose the statements), or one to another
// origin (which must not get the credentials).
type RedirectError struct {
	Status   int
	Location string // cleaned, without any credentials in it
	Reason   string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("the LRS redirected to %s (%d %s), not followed: %s; if that is the LRS's address, give it as the endpoint",
		e.Location, e.Status, http.StatusText(e.Status), e.Reason)
}

// RedactURL returns s fit to show: any password in it replaced, and
// control characters removed. It works on strings that do not parse.
func RedactURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		return safe.Text(u.Redacted())
	}
	// Unparsable: drop anything between "//" and the last "@" of the
	// authority, where a password would be.
	if i := strings.Index(s, "//"); i >= 0 {
		rest := s[i+2:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
			s = s[:i+2] + "xxxxx@" + rest[at+1:]
		}
	}
	return safe.Text(s)
}

// ParseEndpoint checks an LRS address: absolute http(s), no credentials
// in it (they come from the environment or a credentials file). Errors
// never repeat a password.
func ParseEndpoint(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http(s) address", RedactURL(s))
	}
	if u.User != nil {
		return nil, fmt.Errorf("%q has credentials in it; give them in the environment or the credentials file instead", RedactURL(s))
	}
	return u, nil
}

// Resource returns the URL of the LRS resource name (such as
// "statements"): joined to the endpoint's path, its query kept.
func (l *LRS) Resource(name string) (*url.URL, error) {
	u, err := ParseEndpoint(l.Endpoint)
	if err != nil {
		return nil, err
	}
	return u.JoinPath(name), nil
}

func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// checkRedirect follows a redirect only when it keeps the method and the
// origin: the statements stay a POST, the credentials stay with the LRS.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0]
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	loc := RedactURL(req.URL.String())
	switch {
	case req.Method != first.Method:
		return &RedirectError{Status: status, Location: loc, Reason: "following it would turn the " + first.Method + " into a " + req.Method}
	case !sameOrigin(req.URL, first.URL):
		return &RedirectError{Status: status, Location: loc, Reason: "it is another origin than " + RedactURL(first.URL.Scheme+"://"+first.URL.Host) + ", which must not get the credentials"}
	case len(via) >= 5:
		return &RedirectError{Status: status, Location: loc, Reason: "too many redirects"}
	}
	return nil
}

// init builds the retrying client once.
func (l *LRS) init() {
	if l.client != nil {
		return
	}
	c := retryablehttp.NewClient()
	c.Logger = nil
	hc := l.HTTP
	if hc == nil {
		timeout := l.RequestTimeout
		if timeout <= 0 {
			timeout = DefaultRequestTimeout
		}
		hc = &http.Client{Timeout: timeout}
	} else {
		copied := *hc
		hc = &copied
	}
	hc.CheckRedirect = checkRedirect
	c.HTTPClient = hc
	c.RetryMax = l.Retries
	if c.RetryMax <= 0 {
		c.RetryMax = DefaultRetries
	}
	c.RetryWaitMin, c.RetryWaitMax = l.MinWait, l.MaxWait
	if c.RetryWaitMin <= 0 {
		c.RetryWaitMin = DefaultMinWait
	}
	if c.RetryWaitMax <= 0 {
		c.RetryWaitMax = DefaultMaxWait
	}
	c.CheckRetry = l.checkRetry
	c.Backoff = l.backoff
	// Keep the last answer, so the caller can say what the LRS said.
	c.ErrorHandler = retryablehttp.PassthroughErrorHandler
	l.client = c
}

// checkRetry retries what the LRS says is passing: 408, 429, 5xx other
// than 501 (which will not change), and connections that broke. A
// refused connection, an unknown host, a bad certificate and a redirect
// not followed are said at once.
func (l *LRS) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		var redirect *RedirectError
		var dns *net.DNSError
		switch {
		case errors.As(err, &redirect):
			return false, redirect
		case errors.Is(err, syscall.ECONNREFUSED):
			return false, errors.New("connection refused: nothing answers at that address")
		case errors.As(err, &dns) && !dns.IsTemporary:
			return false, fmt.Errorf("no such host %s", safe.Text(dns.Name))
		case strings.Contains(err.Error(), "certificate"):
			return false, err
		}
		l.why = "the connection failed: " + safe.Text(unwrapURLError(err).Error())
		return true, nil
	}
	switch s := resp.StatusCode; {
	case s == http.StatusRequestTimeout, s == http.StatusTooManyRequests, s >= 500 && s != http.StatusNotImplemented && s <= 599:
		l.why = fmt.Sprintf("the LRS answered %d %s", s, http.StatusText(s))
		return true, nil
	}
	return false, nil
}

func unwrapURLError(err error) error {
	var u *url.Error
	if errors.As(err, &u) {
		return u.Err
	}
	return err
}

// backoff waits what the LRS asks for with Retry-After on 429 and 503,
// else an exponential wait with full jitter between half and all of
// min·2^n, capped at max.
func (l *LRS) backoff(lo, hi time.Duration, n int, resp *http.Response) time.Duration {
	wait := time.Duration(-1)
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			wait = d
		}
	}
	if wait < 0 {
		ceiling := lo << min(n, 30)
		if ceiling > hi || ceiling <= 0 {
			ceiling = hi
		}
		wait = ceiling/2 + rand.N(ceiling/2+1)
	}
	if l.Waiting != nil {
		l.Waiting(wait, l.why)
	}
	return wait
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(h, 10, 64); err == nil {
		if s < 0 || s > 24*3600 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}

// do sends one request with retries and returns the final answer, whose
// body the caller closes. A network failure comes back as an error that
// names the LRS without its credentials.
func (l *LRS) do(ctx context.Context, method string, u *url.URL, body []byte, header http.Header) (*http.Response, error) {
	l.init()
	var raw any
	if body != nil {
		raw = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), raw)
	if err != nil {
		return nil, fmt.Errorf("LRS address %s: %w", RedactURL(u.String()), err)
	}
	if body != nil {
		req.Request.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("X-Experience-API-Version", HeaderVersion)
	req.SetBasicAuth(l.User, l.Key)
	resp, err := l.client.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, l.networkError(ctx, u, err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if ref, err := u.Parse(loc); err == nil {
			loc = ref.String()
		}
		return nil, &RedirectError{Status: resp.StatusCode, Location: RedactURL(loc), Reason: "it cannot be followed with the request's body"}
	}
	return resp, nil
}

func (l *LRS) networkError(ctx context.Context, u *url.URL, err error) error {
	where := RedactURL(u.Scheme + "://" + u.Host)
	var redirect *RedirectError
	switch {
	case errors.As(err, &redirect):
		return redirect
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("the LRS at %s did not answer in time (timeout)", where)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("sending to the LRS at %s was cancelled", where)
	}
	return fmt.Errorf("cannot reach the LRS at %s: %s", where, safe.Text(unwrapURLError(err).Error()))
}

// Send posts statements in batches. It stops at the first batch that
// fails for good and says how many statements the LRS had accepted.
func (l *LRS) Send(ctx context.Context, statements []Statement) (sent int, err error) {
	return l.SendEach(ctx, func(yield func(Statement) error) error {
		for _, s := range statements {
			if err := yield(s); err != nil {
				return err
			}
		}
		return nil
	}, nil)
}

// SendEach posts the statements each yields, a batch at a time as they
// come, so no more than one batch is ever held: a push of millions of
// attempts needs no more memory than one of a hundred. After each batch
// the LRS accepted, accepted (if set) is called, so the caller can
// remember how far it got. It stops at the first batch that fails for
// good, or the first error of each or accepted, and says how many
// statements the LRS had accepted.
func (l *LRS) SendEach(ctx context.Context, each func(yield func(Statement) error) error, accepted func() error) (sent int, err error) {
	size := l.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	target, err := l.Resource("statements")
	if err != nil {
		return 0, err
	}
	batch := make([]Statement, 0, size)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := l.post(ctx, target, batch); err != nil {
			return err
		}
		sent += len(batch)
		batch = batch[:0]
		if accepted != nil {
			if err := accepted(); err != nil {
				return err
			}
		}
		if l.Progress != nil {
			l.Progress(sent)
		}
		return nil
	}
	err = each(func(s Statement) error {
		batch = append(batch, s)
		if len(batch) < size {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	return sent, err
}

// post sends one batch and checks the answer: a 2xx with the ids of the
// statements sent, as xAPI says, so a proxy or a wrong address that
// answers 200 to anything is not taken for the LRS.
func (l *LRS) post(ctx context.Context, target *url.URL, batch []Statement) error {
	body, err := safe.Marshal(batch)
	if err != nil {
		return err
	}
	resp, err := l.do(ctx, http.MethodPost, target, body, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &LRSError{Status: resp.StatusCode, Message: lrsMessage(data)}
	}
	if readErr != nil {
		return fmt.Errorf("reading the LRS's answer: %s", safe.Text(unwrapURLError(readErr).Error()))
	}
	if len(data) > maxAnswer {
		return fmt.Errorf("the LRS's answer to %d statements is over %d bytes: not an xAPI answer", len(batch), maxAnswer)
	}
	var ids []string
	if err := json.Unmarshal(data, &ids); err != nil {
		return fmt.Errorf("the LRS answered %d but not with the statements' ids (%s): is %s the LRS's xAPI address?",
			resp.StatusCode, snippet(data), RedactURL(l.Endpoint))
	}
	if len(ids) != len(batch) {
		return fmt.Errorf("the LRS answered %d with %d statement ids for %d statements", resp.StatusCode, len(ids), len(batch))
	}
	return nil
}

func snippet(data []byte) string {
	text := strings.Join(strings.Fields(safe.Text(string(data))), " ")
	if r := []rune(text); len(r) > 80 {
		text = string(r[:80]) + "…"
	}
	if text == "" {
		return "an empty body"
	}
	return strconv.Quote(text)
}

// lrsMessage reads what an LRS said: the "message" of a JSON error body,
// else the text, cut short and made safe for the terminal.
func lrsMessage(data []byte) string {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	var doc struct {
		Message string `json:"message"`
		Error   any    `json:"error"`
	}
	text := strings.TrimSpace(string(data))
	if json.Unmarshal(data, &doc) == nil {
		switch {
		case doc.Message != "":
			text = doc.Message
		case doc.Error != nil:
			if s, ok := doc.Error.(string); ok {
				text = s
			}
		}
	}
	text = strings.Join(strings.Fields(safe.Text(text)), " ")
	if r := []rune(text); len(r) > 500 {
		text = string(r[:500]) + "…"
	}
	return text
}
