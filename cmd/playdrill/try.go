package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// maxTryLine bounds one sample answer read by try.
const maxTryLine = 64 << 10

func (a *app) tryCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "try STEP-OR-CARD",
		Short: "Grade sample answers against a card, without touching progress",
		Long: "try grades sample answers the way a drill would, so an author can see what a\n" +
			"card's key points accept before reps meet them. It reads one answer a line from\n" +
			"standard input (typed at the prompt, or piped) and prints each answer's score,\n" +
			"the key points hit and missed, and any never-say phrase. A STEP id tries the\n" +
			"step's result card; a CARD id tries that card (an id that is not one lists\n" +
			"the step's cards with their ids, or the nearest ids). Typed cards can be\n" +
			"tried: result, recall, differentiator, cloze and objection. No progress\n" +
			"database is opened.\n\n" +
			"Exit status: 0 when every answer was graded, 2 on an unknown id or a card that\n" +
			"is not typed.",
		Example: "  playdrill try qualify\n" +
			"  playdrill try close/obj-it-costs-more-than-we-budgeted\n" +
			"  playdrill try discovery < answers.txt",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.try(args[0])
		},
	}
}

func (a *app) try(id string) error {
	book, err := a.loadValidPlaybook()
	if err != nil {
		return err
	}
	c, err := tryCard(book, id)
	if err != nil {
		return err
	}
	key := grade.Prepare(c)
	interactive := isTerminal(a.Stdin) && isTerminal(a.Stdout)
	fmt.Fprintf(a.Stdout, "Card: %s [%s]\n%s\n", safe.Text(c.ID), c.Kind, safe.Text(c.Prompt))
	if interactive {
		fmt.Fprintln(a.Stdout, "Type an answer and press Enter; an empty line or Ctrl+D ends.")
	}
	sc := bufio.NewScanner(a.Stdin)
	sc.Buffer(make([]byte, 0, 4096), maxTryLine)
	for {
		if interactive {
			fmt.Fprint(a.Stdout, "Answer: ")
		}
		if !sc.Scan() {
			break
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			if interactive {
				break
			}
			continue
		}
		if !interactive {
			fmt.Fprintf(a.Stdout, "Answer: %s\n", safe.Text(line))
		}
		writeTry(a.Stdout, key.Grade(grade.Answer{Text: line}, grade.Options{}))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading answers: %w", err)
	}
	return nil
}

// tryCard finds the card try grades: the card with that id, or the result
// card of the step with that id.
func tryCard(book *playbook.Playbook, id string) (*playbook.Card, error) {
	c, ok := book.Card(id)
	if !ok {
		if s, found := book.Step(id); found && len(s.Cards) > 0 {
			c, ok = s.Cards[0], true
		}
	}
	if !ok {
		return nil, usageErrorf("no step or card %q: %s", safe.Text(id), tryableIDs(book, id))
	}
	if !c.Kind.Typed() {
		return nil, usageErrorf("card %q is a %s card: try grades typed answers only; %s", safe.Text(c.ID), c.Kind, tryableIDs(book, c.ID))
	}
	return c, nil
}

// tryableIDs says which ids try takes near id: the typed cards of the step
// id names (its part before "/"), else the nearest step and card ids.
func tryableIDs(book *playbook.Playbook, id string) string {
	step, _, _ := strings.Cut(id, "/")
	if s, ok := book.Step(step); ok {
		var ids []string
		for _, c := range s.Cards {
			if c.Kind.Typed() {
				ids = append(ids, safe.Text(c.ID))
			}
		}
		if len(ids) > 0 {
			return "the typed cards of step " + safe.Text(s.ID) + " are " + strings.Join(ids, ", ")
		}
		return "step " + safe.Text(s.ID) + " has no typed card"
	}
	var all []string
	for _, s := range book.Steps() {
		all = append(all, s.ID)
	}
	for _, c := range book.Cards() {
		if c.Kind.Typed() {
			all = append(all, c.ID)
		}
	}
	if near := drill.Near(id, all, 5); len(near) > 0 {
		for i := range near {
			near[i] = safe.Text(near[i])
		}
		return "did you mean " + strings.Join(near, ", ") + "?"
	}
	return "run 'playdrill show' for step ids; an id of a step lists its cards"
}

// writeTry prints one graded sample answer.
func writeTry(w io.Writer, r grade.Result) {
	verdict := "fails"
	if r.Passed {
		verdict = "passes"
	}
	fmt.Fprintf(w, "  %.0f%%, %s (suggests %s)\n", r.Score*100, verdict, r.Suggested)
	for _, p := range r.Points {
		if p.Hit {
			fmt.Fprintf(w, "  hit:    %s  <- %s\n", safe.Text(p.Point.Text()), safe.Text(strings.Join(p.Words, " ")))
		} else if p.Point.Need > 0 {
			fmt.Fprintf(w, "  missed: %s (named %d)\n", safe.Text(p.Point.Text()), p.Named)
		} else {
			fmt.Fprintf(w, "  missed: %s\n", safe.Text(p.Point.Text()))
		}
	}
	for _, n := range r.NeverSaid {
		fmt.Fprintf(w, "  never say: %s\n", safe.Text(n))
	}
}
