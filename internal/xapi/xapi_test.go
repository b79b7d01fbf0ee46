package xapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/records/recordstest"
)

func exportStatements(t *testing.T, opt XAPIOptions) ([]map[string]any, []byte) {
	t.Helper()
	var b bytes.Buffer
	n, err := ExportXAPI(&b, recordstest.Fixture(), opt)
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(b.Bytes(), &list); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, b.String())
	}
	if len(list) != n {
		t.Fatalf("wrote %d statements, said %d", len(list), n)
	}
	for i, st := range list {
		if problems := validateStatement(st); len(problems) > 0 {
			t.Errorf("statement %d is not valid xAPI:\n  %s", i, strings.Join(problems, "\n  "))
		}
	}
	return list, b.Bytes()
}

func TestXAPIStatements(t *testing.T) {
	list, data := exportStatements(t, XAPIOptions{Book: recordstest.Book()})
	// 5 attempts give answered + passed/failed each; 1 completion.
	if len(list) != 11 {
		t.Fatalf("%d statements, want 11", len(list))
	}
	verbs := map[string]int{}
	ids := map[string]bool{}
	for _, st := range list {
		verbs[st["verb"].(map[string]any)["id"].(string)]++
		ids[st["id"].(string)] = true
		if ts := st["timestamp"].(string); !strings.HasSuffix(ts, "Z") || !strings.Contains(ts, ".") || len(ts) != len("2026-03-10T15:04:05.123Z") {
			t.Errorf("timestamp %q is not UTC with milliseconds", ts)
		}
	}
	if len(ids) != len(list) {
		t.Errorf("statement ids repeat: %d unique of %d", len(ids), len(list))
	}
	want := map[string]int{VerbAnswered: 5, VerbPassed: 3, VerbFailed: 2, VerbCompleted: 1}
	for v, n := range want {
		if verbs[v] != n {
			t.Errorf("%d %s statements, want %d", verbs[v], v, n)
		}
	}
	_, again := exportStatements(t, XAPIOptions{Book: recordstest.Book()})
	if !bytes.Equal(data, again) {
		t.Error("exporting twice gives different statements; ids must be deterministic")
	}
	golden.RequireEqual(t, data)
}

func TestXAPIInteractionTypes(t *testing.T) {
	list, _ := exportStatements(t, XAPIOptions{Book: recordstest.Book()})
	byCard := map[string]map[string]any{}
	for _, st := range list {
		if st["verb"].(map[string]any)["id"] == VerbAnswered {
			obj := st["object"].(map[string]any)
			byCard[obj["id"].(string)] = st
		}
	}
	cases := []struct{ card, itype, response string }{
		{"qualify%2Fresult", "long-fill-in", "The inquiry meets the rules of engagement, \"sales-ready\"\nsecond line"},
		{"qualify%2Fsales-ready", "choice", "2"},
		{"sales%2Forder", "sequencing", "2[,]1"},
		{"qualify%2Frules-1", "choice", "1"},
		{"gone%2Fcard", "long-fill-in", "=SUM(A1)"},
	}
	if got := xapiResponse(recordstest.Card(recordstest.Book(), "qualify/sales-ready"), "choice", "Not an option"); got != "Not an option" {
		t.Errorf("unknown pick became %q, want the text kept", got)
	}
	for _, c := range cases {
		st := byCard[DefaultHomePage+"/playdrill/cards/"+c.card]
		if st == nil {
			t.Errorf("no answered statement for %s", c.card)
			continue
		}
		def := st["object"].(map[string]any)["definition"].(map[string]any)
		if def["interactionType"] != c.itype || def["type"] != ActivityInteraction {
			t.Errorf("%s: definition %v", c.card, def)
		}
		if got := st["result"].(map[string]any)["response"]; got != c.response {
			t.Errorf("%s: response %q, want %q", c.card, got, c.response)
		}
	}
	choice := byCard[DefaultHomePage+"/playdrill/cards/qualify%2Fsales-ready"]["object"].(map[string]any)["definition"].(map[string]any)
	if crp := choice["correctResponsesPattern"].([]any); len(crp) != 1 || crp[0] != "2" {
		t.Errorf("choice correct pattern %v, want [2]", crp)
	}
}

func TestXAPIHomePageAndIDs(t *testing.T) {
	list, _ := exportStatements(t, XAPIOptions{HomePage: "https://lms.example.com/", Book: recordstest.Book()})
	st := list[0]
	acct := st["actor"].(map[string]any)["account"].(map[string]any)
	if acct["homePage"] != "https://lms.example.com" || acct["name"] != "alice" {
		t.Errorf("actor account %v", acct)
	}
	if want := StatementID("0b7e6c1e-0000-4000-8000-000000000001", VerbAnswered); st["id"] != want {
		t.Errorf("id %v, want %v (uuid v5 of the attempt and verb)", st["id"], want)
	}
	if !strings.HasPrefix(st["id"].(string)[14:], "5") {
		t.Errorf("id %v is not a version 5 UUID", st["id"])
	}
	if err := ValidateHomePage("ftp://x"); err == nil {
		t.Error("ftp home page accepted")
	}
	if err := ValidateHomePage("https://lms.example.com"); err != nil {
		t.Error(err)
	}
}

func TestValidatorCatchesBadStatements(t *testing.T) {
	bad := map[string]any{
		"id":        "not-a-uuid",
		"actor":     map[string]any{"objectType": "Agent", "mbox": "mailto:a@b", "account": map[string]any{"homePage": "x", "name": "a"}},
		"verb":      map[string]any{"id": "answered"},
		"object":    map[string]any{"id": "card 1", "definition": map[string]any{"interactionType": "essay", "choices": []any{}}},
		"result":    map[string]any{"score": map[string]any{"scaled": 1.5}, "duration": "12 seconds"},
		"timestamp": "yesterday",
		"version":   "2.0.0",
		"colour":    "red",
	}
	got := strings.Join(validateStatement(bad), "\n")
	for _, want := range []string{"not a UUID", "2 inverse functional", "homePage", "verb.id", "object.id", "interactionType", "scaled 1.5", "duration", "timestamp", "version", `"colour"`} {
		if !strings.Contains(got, want) {
			t.Errorf("validator missed %q; it said:\n%s", want, got)
		}
	}
}

func TestISODuration(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "PT0.00S", 12345 * time.Millisecond: "PT12.34S", 90 * time.Minute: "PT5400.00S", -time.Second: "PT0.00S"} {
		if got := isoDuration(d); got != want {
			t.Errorf("isoDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// lrsServer records what an LRS receives and answers from a script.
type lrsServer struct {
	mu       sync.Mutex
	answers  []int // status per request; 200 after the script runs out
	message  string
	requests int
	received []map[string]any
	problems []string
}

func (s *lrsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	check := func(ok bool, what string) {
		if !ok {
			s.problems = append(s.problems, what)
		}
	}
	check(r.Method == http.MethodPost, "method "+r.Method)
	check(r.URL.Path == "/xapi/statements", "path "+r.URL.Path)
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

func newLRS(url string, sleeps *[]time.Duration) *LRS {
	return &LRS{Endpoint: url + "/xapi/", User: "lrs-user", Key: "s3cret", BatchSize: 4, Backoff: 100 * time.Millisecond,
		Sleep: func(_ context.Context, d time.Duration) error { *sleeps = append(*sleeps, d); return nil }}
}

func TestLRSSendsInBatches(t *testing.T) {
	srv := &lrsServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var sleeps []time.Duration
	var progress []int
	l := newLRS(ts.URL, &sleeps)
	l.Progress = func(sent int) { progress = append(progress, sent) }
	sent, err := l.Send(context.Background(), collect(t))
	if err != nil {
		t.Fatal(err)
	}
	if sent != 11 || len(srv.received) != 11 || srv.requests != 3 {
		t.Errorf("sent %d, received %d in %d requests; want 11 in 3", sent, len(srv.received), srv.requests)
	}
	if len(srv.problems) > 0 {
		t.Errorf("the LRS saw problems: %v", srv.problems)
	}
	if len(sleeps) != 0 {
		t.Errorf("slept %v with no failures", sleeps)
	}
	if len(progress) != 3 || progress[2] != 11 {
		t.Errorf("progress %v", progress)
	}
}

// SendEach posts each batch as soon as it is full, before the next
// statement is even made: memory holds one batch, whatever the export.
func TestLRSSendEachStreams(t *testing.T) {
	srv := &lrsServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var sleeps []time.Duration
	l := newLRS(ts.URL, &sleeps)
	all := collect(t)
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
	})
	if err != nil || sent != len(all) || len(srv.received) != len(all) {
		t.Fatalf("sent %d of %d (received %d): %v", sent, len(all), len(srv.received), err)
	}
}

// An error while making the statements stops the sending and is returned.
func TestLRSSendEachStopsOnSourceError(t *testing.T) {
	srv := &lrsServer{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var sleeps []time.Duration
	broken := errors.New("damaged record")
	all := collect(t)
	sent, err := newLRS(ts.URL, &sleeps).SendEach(context.Background(), func(yield func(Statement) error) error {
		for _, s := range all[:6] {
			if err := yield(s); err != nil {
				return err
			}
		}
		return broken
	})
	if !errors.Is(err, broken) || sent != 4 || len(srv.received) != 4 {
		t.Errorf("sent %d, received %d, err %v; want 4, 4 and the source's error", sent, len(srv.received), err)
	}
}

func TestLRSRetriesServerErrors(t *testing.T) {
	srv := &lrsServer{answers: []int{503, 500}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var sleeps []time.Duration
	sent, err := newLRS(ts.URL, &sleeps).Send(context.Background(), collect(t))
	if err != nil {
		t.Fatal(err)
	}
	if sent != 11 || len(srv.received) != 11 || srv.requests != 5 {
		t.Errorf("sent %d, received %d in %d requests; want 11 in 5", sent, len(srv.received), srv.requests)
	}
	if len(sleeps) != 2 || sleeps[0] != 100*time.Millisecond || sleeps[1] != 200*time.Millisecond {
		t.Errorf("backoff %v, want [100ms 200ms]", sleeps)
	}
}

func TestLRSStopsOnClientError(t *testing.T) {
	srv := &lrsServer{answers: []int{200, 400}, message: `{"error": true, "message": "Statement 'actor' is invalid\u001b[31m"}`}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var sleeps []time.Duration
	sent, err := newLRS(ts.URL, &sleeps).Send(context.Background(), collect(t))
	if err == nil || !IsLRSError(err) {
		t.Fatalf("err = %v, want the LRS's refusal", err)
	}
	if !strings.Contains(err.Error(), "Statement 'actor' is invalid") || !strings.Contains(err.Error(), "400") {
		t.Errorf("error %q does not show the LRS's message", err)
	}
	if sent != 4 || srv.requests != 2 || len(sleeps) != 0 {
		t.Errorf("sent %d in %d requests with %d retries; want 4, 2, 0", sent, srv.requests, len(sleeps))
	}
}

func TestLRSGivesUpOnNetworkErrors(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close() // nothing listens any more
	var sleeps []time.Duration
	l := newLRS(url, &sleeps)
	l.Tries = 3
	_, err := l.Send(context.Background(), collect(t)[:1])
	if err == nil || !strings.Contains(err.Error(), "gave up after 3 tries") {
		t.Fatalf("err = %v", err)
	}
	if len(sleeps) != 2 {
		t.Errorf("slept %d times, want 2", len(sleeps))
	}
}

func TestLRSMessagePlainText(t *testing.T) {
	if got := lrsMessage(strings.NewReader("  Forbidden:\n bad key  ")); got != "Forbidden: bad key" {
		t.Errorf("message %q", got)
	}
}

// CountStatements knows the count EachStatement will make from the totals
// alone, so a progress bar can show it before the first attempt is read.
func TestCountStatementsMatchesEachStatement(t *testing.T) {
	n, err := CountStatements(recordstest.Fixture())
	if err != nil {
		t.Fatal(err)
	}
	if want := len(collect(t)); n != want {
		t.Errorf("CountStatements = %d, EachStatement made %d", n, want)
	}
}
