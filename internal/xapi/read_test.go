package xapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// Every attempt and feedback comes back from its statements as it was
// recorded, facts included; passed, failed and completed add nothing.
func TestStatementsReadBackIntoRecords(t *testing.T) {
	st := recordstest.Fixture()
	book := recordstest.Book()
	for i := range st.AttemptList {
		a := &st.AttemptList[i]
		f := &playbook.Facts{Passed: !a.Cram && a.Score >= 0.8 && a.Rating >= playbook.Good}
		if c, ok := book.Card(a.Card); ok {
			f.Prompt, f.Options, f.Correct, f.Items = c.Prompt, c.Options, c.Correct, c.Items
		}
		if a.Cram {
			f.Passed = false
		}
		if i%2 == 0 {
			// A rep's first attempt at a card's content keeps its text.
			f.Text = &playbook.CardText{Answer: "Ask why they called.", Points: []string{"why | reason", "result"}, NeverSay: []string{"cheapest"}, Why: "a rule"}
		}
		a.Facts = f
	}
	texts := 0
	st.FeedbackList = []playbook.Feedback{{ID: "0b7e6c1e-0000-4000-8000-0000000000f1", Rep: "bob", Card: "qualify/result", Hash: "h",
		Step: "qualify", At: time.Date(2026, 3, 10, 9, 0, 0, 123456789, time.UTC), Text: "too long"}}
	home := "https://lms.example.com"
	var attempts []playbook.Attempt
	var notes []playbook.Feedback
	err := EachStatement(st, XAPIOptions{HomePage: home, Book: book}, func(s Statement) error {
		data, _ := json.Marshal(s)
		if strings.Contains(string(data), ExtText) {
			texts++
			if s.Verb.ID != VerbAnswered {
				t.Errorf("a %s statement carries the card's text", s.Verb.ID)
			}
		}
		var back Statement
		if err := json.Unmarshal(data, &back); err != nil {
			return err
		}
		u, ok, err := ToRecord(back, home)
		if err != nil || !ok {
			return err
		}
		if u.Attempt != nil {
			attempts = append(attempts, *u.Attempt)
		}
		if u.Feedback != nil {
			notes = append(notes, *u.Feedback)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := (len(st.AttemptList) + 1) / 2; texts != want {
		t.Errorf("%d statements carry a card's text, want %d (one per attempt that kept it)", texts, want)
	}
	if len(attempts) != len(st.AttemptList) {
		t.Fatalf("%d attempts back, want %d", len(attempts), len(st.AttemptList))
	}
	for i, want := range st.AttemptList {
		got := attempts[i]
		want.Duration = want.Duration.Truncate(10 * time.Millisecond) // xAPI keeps centiseconds
		if !got.At.Equal(want.At) {
			t.Errorf("attempt %d at %v, want %v", i, got.At, want.At)
		}
		got.At = want.At
		if want.Kind == playbook.KindRecall && want.Facts.Prompt == "" {
			want.Facts = &playbook.Facts{Passed: want.Facts.Passed, Text: want.Facts.Text}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("attempt %d back as\n%+v\n%+v\nwant\n%+v\n%+v", i, got, got.Facts, want, want.Facts)
		}
	}
	if len(notes) != 1 || notes[0].Text != "too long" || !notes[0].At.Equal(st.FeedbackList[0].At) || notes[0].Step != "qualify" {
		t.Errorf("feedback back as %+v", notes)
	}
	// Statements under another home page are not this playbook's.
	s := Statement{ID: "x", Verb: verb(VerbAnswered), Object: Activity{ID: "https://other.example/playdrill/cards/a"}}
	if _, ok, err := ToRecord(s, home); ok || err != nil {
		t.Errorf("another home page's statement read as ours: %v %v", ok, err)
	}
	s.Object.ID = home + "/playdrill/cards/a"
	s.Actor.Account.Name = "eve"
	s.Timestamp = "2026-03-10T09:00:00.000Z"
	if _, _, err := ToRecord(s, home); !errors.Is(err, ErrNotPlaydrill) {
		t.Errorf("an answered statement without a score: %v", err)
	}
}

// pagedLRS serves n generated statements, size a page.
func pagedLRS(t *testing.T, n, size int, page func(w http.ResponseWriter, r *http.Request, from int) bool) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		from := 0
		fmt.Sscan(r.URL.Query().Get("more"), &from)
		if page != nil && page(w, r, from) {
			return
		}
		var list []string
		for i := from; i < min(from+size, n); i++ {
			list = append(list, fmt.Sprintf(`{"id":"s%d","actor":{"objectType":"Agent","account":{"homePage":"h","name":"r"}},"verb":{"id":"v"},"object":{"id":"o"},"timestamp":"2026-03-10T09:00:00Z"}`, i))
		}
		more := ""
		if from+size < n {
			more = fmt.Sprintf("/xapi/statements?more=%d", from+size)
		}
		fmt.Fprintf(w, `{"statements":[%s],"more":%q}`, strings.Join(list, ","), more)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestReadStatementsFollowsMore(t *testing.T) {
	ts := pagedLRS(t, 23, 5, nil)
	var waits []time.Duration
	l := newLRS(ts.URL, &waits)
	var ids []string
	pages, err := l.ReadStatements(context.Background(), time.Time{}, func(s Statement) error { ids = append(ids, s.ID); return nil })
	if err != nil || pages != 5 || len(ids) != 23 || ids[22] != "s22" {
		t.Fatalf("pages %d, %d statements, %v", pages, len(ids), err)
	}
}

// Pages that lie are errors naming what is wrong: garbage, a "more" to
// another origin or back to itself, an endless body.
func TestReadStatementsFaults(t *testing.T) {
	other := httptest.NewServer(http.NotFoundHandler())
	defer other.Close()
	cases := map[string]struct {
		page func(w http.ResponseWriter, r *http.Request, from int) bool
		want string
	}{
		"garbage": {func(w http.ResponseWriter, r *http.Request, from int) bool {
			io.WriteString(w, "<html>")
			return true
		}, "not a page of xAPI statements"},
		"more elsewhere": {func(w http.ResponseWriter, r *http.Request, from int) bool {
			fmt.Fprintf(w, `{"statements":[],"more":%q}`, other.URL+"/xapi/statements?more=1")
			return true
		}, "another origin"},
		"more loops": {func(w http.ResponseWriter, r *http.Request, from int) bool {
			io.WriteString(w, `{"statements":[],"more":"/xapi/statements?more=0&limit=500"}`)
			return true
		}, "page already read"},
		"endless": {func(w http.ResponseWriter, r *http.Request, from int) bool {
			io.WriteString(w, `{"statements":[{"id":"`)
			chunk := []byte(strings.Repeat("x", 64<<10))
			for i := 0; i < 5<<30/len(chunk); i++ {
				if _, err := w.Write(chunk); err != nil {
					break
				}
			}
			return true
		}, "over 64 MiB"},
		"refused": {func(w http.ResponseWriter, r *http.Request, from int) bool {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"message":"no read scope"}`)
			return true
		}, "no read scope"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var wrote atomic.Int64
			ts := pagedLRS(t, 3, 5, func(w http.ResponseWriter, r *http.Request, from int) bool {
				return c.page(countingWriter{w, &wrote}, r, from)
			})
			var waits []time.Duration
			_, err := newLRS(ts.URL, &waits).ReadStatements(context.Background(), time.Time{}, func(Statement) error { return nil })
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			ts.Close() // waits for the handler: it stops when the client hangs up
			if n := wrote.Load(); n > maxUnread {
				t.Errorf("the LRS wrote %d MB before the client hung up", n>>20)
			}
		})
	}
}

func TestReadStatementsSendsSince(t *testing.T) {
	var got string
	ts := pagedLRS(t, 0, 5, func(w http.ResponseWriter, r *http.Request, from int) bool {
		got = r.URL.RawQuery
		return false
	})
	var waits []time.Duration
	l := newLRS(ts.URL, &waits)
	l.Endpoint = ts.URL + "/xapi?tenant=a"
	if _, err := l.ReadStatements(context.Background(), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), func(Statement) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "since=2026-03-01T00%3A00%3A00Z") || !strings.Contains(got, "tenant=a") {
		t.Errorf("query %q", got)
	}
}
