package review

import (
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func disp(id, card, hash, rep string, at time.Time, missed ...string) playbook.Dispute {
	return playbook.Dispute{ID: id, Card: card, Hash: hash, Rep: rep, At: at, Response: "in my words", Missed: missed, FileSum: "f1"}
}

// Open disputes group by card in playbook order, cards no longer in the
// playbook last; decided ones are counted, not listed; a dispute on an
// edited card, a gone card or a point the card lost cannot be accepted.
func TestBuild(t *testing.T) {
	book := drilltest.Book()
	ds := []playbook.Dispute{
		disp("d1", "engage-x", "engage-x@1", "bo", t0, "sales-ready | qualified"),
		disp("d2", "list-result", "list-result@1", "ana", t0.Add(time.Minute), "rules of engagement"),
		disp("d3", "gone-card", "h", "ana", t0.Add(2*time.Minute), "x"),
		disp("d4", "list-result", "list-result@0", "cy", t0.Add(3*time.Minute), "rules of engagement"),
		disp("d5", "list-result", "list-result@1", "ana", t0.Add(4*time.Minute), "a point since removed"),
		disp("d6", "engage-x", "engage-x@1", "bo", t0.Add(5*time.Minute), "rules of engagement"),
	}
	rs := []playbook.Review{{ID: "r1", Dispute: "d6", Verdict: playbook.ReviewRejected}}
	l := Build(book, ds, rs)
	if l.Open != 5 || l.Decided != 1 || strings.Join(l.Reps, ",") != "ana,bo,cy" {
		t.Errorf("open %d decided %d reps %v", l.Open, l.Decided, l.Reps)
	}
	var order []string
	stale := map[string]string{}
	for _, g := range l.Groups {
		for _, it := range g.Items {
			order = append(order, g.CardID+":"+it.Dispute.ID)
			stale[it.Dispute.ID] = it.Stale
		}
	}
	if got := strings.Join(order, " "); got != "list-result:d2 list-result:d4 list-result:d5 engage-x:d1 gone-card:d3" {
		t.Errorf("order %s", got)
	}
	for id, want := range map[string]string{"d1": "", "d2": "", "d3": "no longer in the playbook", "d4": "edited since", "d5": "no longer has the points"} {
		if want == "" && stale[id] != "" || want != "" && !strings.Contains(stale[id], want) {
			t.Errorf("%s: stale %q, want %q", id, stale[id], want)
		}
	}
	it, err := l.Find("d1")
	if err == nil {
		t.Errorf("a 2-character id was accepted: %+v", it)
	}
}

// A card or file edited only by accepted reviews is still the one the
// dispute was made on; any other edit breaks the chain.
func TestChainsOfReviews(t *testing.T) {
	book := drilltest.Book()
	c, _ := book.Card("list-result")
	old := c.Hash
	c.Hash = "list-result@3"
	d := disp("dispute-1", "list-result", old, "ana", t0, "rules of engagement")
	rs := []playbook.Review{
		{ID: "r1", Dispute: "other-1", Verdict: playbook.ReviewAccepted, Hash: old, NewHash: "list-result@2", FileBefore: "f1", FileAfter: "f2"},
		{ID: "r2", Dispute: "other-2", Verdict: playbook.ReviewAccepted, Hash: "list-result@2", NewHash: "list-result@3", FileBefore: "f2", FileAfter: "f3"},
		{ID: "r3", Dispute: "other-3", Verdict: playbook.ReviewRejected, Hash: "list-result@3", NewHash: "list-result@4", FileBefore: "f3", FileAfter: "f4"},
	}
	l := Build(book, []playbook.Dispute{d}, rs)
	it, err := l.Find("DISPUTE")
	if err != nil || it.Stale != "" {
		t.Fatalf("find: %+v %v", it, err)
	}
	for sum, want := range map[string]bool{"f1": true, "f3": true, "f4": false, "zz": false} {
		if got := l.FileCurrent(d, sum); got != want {
			t.Errorf("file %s: %v", sum, got)
		}
	}
	d.FileSum = ""
	if !l.FileCurrent(d, "zz") {
		t.Error("a dispute with no file sum (an older record) must count as current")
	}
	c.Hash = "list-result@4"
	if l := Build(book, []playbook.Dispute{d}, rs); !strings.Contains(l.Items()[0].Stale, "edited since") {
		t.Errorf("a rejected review must not make an edit count: %+v", l.Items()[0])
	}
}

func TestFindAndDefaultWords(t *testing.T) {
	book := drilltest.Book()
	l := Build(book, []playbook.Dispute{
		disp("abcd1111", "list-result", "list-result@1", "ana", t0, "rules of engagement"),
		disp("abcd2222", "list-result", "list-result@1", "ana", t0, "rules of engagement"),
	}, nil)
	if _, err := l.Find("abcd"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("ambiguous prefix: %v", err)
	}
	if it, err := l.Find("ABCD2"); err != nil || it.Dispute.ID != "abcd2222" {
		t.Errorf("prefix: %+v %v", it, err)
	}
	if _, err := l.Find("ffff"); err == nil || !strings.Contains(err.Error(), "no open dispute") {
		t.Errorf("unknown: %v", err)
	}
	for resp, want := range map[string]string{
		"  the engagement rules.  ":                    "the engagement rules",
		"one two three four five six seven eight nine": "",
		"a; b":                 "",
		"say \x1b]0;owned\x07": "",
		"":                     "",
	} {
		if got := DefaultWords(playbook.Dispute{Response: resp}); got != want {
			t.Errorf("DefaultWords(%q) = %q, want %q", resp, got, want)
		}
	}
}
