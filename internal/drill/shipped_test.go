package drill

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/playbooks"
)

// shipped loads the shipped playbook, with each old text of edits replaced
// by the new one (in whichever file has it).
func shipped(t *testing.T, edits ...string) *playbook.Playbook {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(playbooks.FS, playbooks.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(playbooks.FS, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(edits); i += 2 {
		found := false
		for _, f := range m {
			if s := string(f.Data); strings.Contains(s, edits[i]) {
				f.Data = []byte(strings.Replace(s, edits[i], edits[i+1], 1))
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("the shipped playbook has no %q", edits[i])
		}
	}
	book, diags, err := markdown.Load(m, playbooks.Root)
	if err != nil || markdown.HasErrors(diags) {
		t.Fatalf("%v %v", err, diags)
	}
	return book
}

// Real rewordings of the shipped playbook are matched to the cards they
// were, and nothing else is: three questions and a rules-table row.
func TestShippedRewordings(t *testing.T) {
	old := shipped(t)
	nw := shipped(t,
		"Q: What are the two things a rep must learn in the first meeting?", "Q: In a first meeting, which two things must a rep find out?",
		"Q: Why name every decision-maker during discovery rather than later?", "Q: Why should every decision-maker be named in discovery and not later?",
		"| 5,000 contractor names bought from a list broker |", "| 5,000 contractor names purchased from a broker |",
		"Q: Why does sales report lost deals to marketing too?", "Q: Why does sales tell marketing about the deals it lost?",
	)
	want := map[string]string{
		"first-meeting/in-a-first-meeting-which-two":                 "first-meeting/what-are-the-two-things-a",
		"discovery/why-should-every-decision-maker-be-named":         "discovery/why-name-every-decision-maker-during-discovery",
		"qualify/roe-5-000-contractor-names-purchased-from-a-broker": "qualify/roe-5-000-contractor-names-bought-from-a-list-broker",
		"feedback-to-marketing/why-does-sales-tell-marketing-about":  "feedback-to-marketing/why-does-sales-report-lost-deals",
	}
	seen := 0
	for _, ch := range Diff(old, nw) {
		switch ch.Change {
		case ChangeUnchanged:
			continue
		case ChangeRenamed:
			if want[ch.New.ID] != ch.Old.ID {
				t.Errorf("renamed %s -> %s, want from %q", ch.Old.ID, ch.New.ID, want[ch.New.ID])
			}
			t.Logf("%.2f %s -> %s: %s", ch.Similarity, ch.Old.ID, ch.New.ID, ch.Why)
			seen++
		default:
			c := ch.New
			if c == nil {
				c = ch.Old
			}
			t.Errorf("%s %s (%s)", ch.Change, c.ID, ch.Why)
		}
	}
	if seen != len(want) {
		t.Errorf("%d renames, want %d", seen, len(want))
	}
}

// No two different cards of the shipped playbook are alike enough to be
// taken for one another: the thresholds leave a margin over the closest
// pair, within a step and across steps.
func TestShippedCardsAreApart(t *testing.T) {
	cards := shipped(t).Cards()
	same, other := 0.0, 0.0
	for i, a := range cards {
		for _, b := range cards[i+1:] {
			s := Similarity(a, b)
			if a.Step == b.Step {
				same = max(same, s)
			} else {
				other = max(other, s)
			}
		}
	}
	t.Logf("closest distinct cards: %.2f within a step (threshold %.2f), %.2f across steps (threshold %.2f)", same, RenameSameStep, other, RenameOtherStep)
	if same > RenameSameStep-0.05 || other > RenameOtherStep-0.2 {
		t.Errorf("distinct cards too alike: %.2f within a step, %.2f across", same, other)
	}
}
