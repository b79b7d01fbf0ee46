package plain

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/markdown"
)

// TestNewKindsGolden drills every card kind of testdata/kinds.md, parsed
// as a playbook, with the real grader: each kind's lines, from its card
// line to its rating, are pinned in testdata/TestNewKindsGolden.golden
// (go test -update rewrites it).
func TestNewKindsGolden(t *testing.T) {
	book, diags, err := markdown.Load(os.DirFS("testdata"), "kinds.md")
	if err != nil || markdown.HasErrors(diags) {
		t.Fatalf("kinds.md: %v %v", err, diags)
	}
	ids := 0
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	eng := drill.New(book, drilltest.NewStore(), drill.Options{Rep: "ana", Free: true, Now: func() time.Time { return now },
		NewID: func() string { ids++; return fmt.Sprintf("attempt-%d", ids) }})
	input := strings.Join([]string{
		"why they reached out", "", // result
		"SQLs", "", // cloze: an alternate
		"the sales team", "", // cloze: wrong
		"I agree, and ask what a lead that went cold cost them", "", // objection
		"1", "", "2", "", // table rows
	}, "\n") + "\n"
	var out bytes.Buffer
	if _, err := Run(eng, Options{In: strings.NewReader(input), Out: &out, Selection: drill.Selection{Step: "first-call"}}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"Card 2: first-call/cloze-sales-ready-leads [cloze]\nSales works only _____ and hands the rest back to marketing.\nWrite the words that fill the blank.\nAnswer:\nScore: 100%",
		"Card 3: first-call/cloze-marketing [cloze]\n",
		"Missed: marketing\n",
		"Card 4: first-call/obj-we-already-track-leads-in-a [objection]\nWe already track leads in a spreadsheet.\nThe prospect says this: respond as you would on the call.\n",
		"Card 5: first-call/tbl-asked-for-a-trial [classify]\nAsked for a trial\nWhich stage is each of these deals in?\n1) ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	golden.RequireEqual(t, []byte(got))
}
