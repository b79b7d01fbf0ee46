package records

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// The hand-written encoder must agree byte for byte with encoding/json as
// every JSON output of playdrill uses it (safe.JSONEncoder: controls a
// terminal obeys are escaped too).
func TestAppendAttemptLineMatchesEncodingJSON(t *testing.T) {
	texts := []string{"", "plain", "quote \" backslash \\ slash /", "tab\tnl\ncr\rbell\a\x00\x1f\x7f", "c1 \u009b31m bidi \u202e",
		"<html> & é 日本 🚀", "bad utf8 \xff\xfe end", "line\u2028para\u2029", "\b\f", "emoji at end 🚀"}
	scores := []float64{0, 1, 0.875, 1.0 / 3, 1e-7, 0.5e-6, 2.5e-9}
	at := time.Date(2026, 3, 1, 9, 0, 0, 120000000, time.FixedZone("x", 3600))
	for i, text := range texts {
		for j, score := range scores {
			a := playbook.Attempt{ID: text, Rep: "rep " + text, Card: "c", Hash: text, Step: "s", Process: text, Kind: playbook.KindRecall,
				PlaybookVersion: "v", At: at.Add(time.Duration(i*j) * time.Nanosecond), Response: text, Score: score,
				Suggested: playbook.Good, Rating: playbook.Rating(1 + j%4), Duration: time.Duration(i) * 1500 * time.Microsecond, Cram: j%2 == 0}
			switch j % 6 {
			case 1:
				a.Facts = &playbook.Facts{Prompt: text, Options: []string{text, "b"}, Correct: []int{1}, Passed: true}
			case 2:
				a.Facts = &playbook.Facts{Prompt: "", Items: []string{text}}
			case 3:
				a.Facts = &playbook.Facts{Prompt: text, Text: &playbook.CardText{Answer: text, Points: []string{text, "a | b"}, NeverSay: []string{text}, Why: text}}
			case 4:
				a.Facts = &playbook.Facts{Prompt: text, Text: &playbook.CardText{}}
			case 5:
				a.Facts = &playbook.Facts{Prompt: text, Text: &playbook.CardText{NeverSay: []string{"cheapest"}, Why: text}}
			}
			var want bytes.Buffer
			enc := safe.NewJSONEncoder(&want)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(NewAttemptLine(a)); err != nil {
				t.Fatal(err)
			}
			if got := appendAttemptLine(nil, a); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("text %q score %v:\n got %s\nwant %s", text, score, got, want.Bytes())
			}
		}
	}
	if got := appendJSONFloat(nil, math.NaN()); string(got) != "0" {
		t.Errorf("NaN written as %s", got)
	}
}
