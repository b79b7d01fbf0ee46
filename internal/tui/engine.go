package tui

import (
	"time"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
)

// engine is what the screens use of the drill engine. The real one is a
// *drill.Engine; tests substitute their own.
type engine interface {
	Progress() (drill.Progress, error)
	Queue(sel drill.Selection) ([]*playbook.Card, error)
	// Present starts an attempt at a card: its id and the order its
	// options or items are shown in (drill.Arrange, shared with --plain).
	Present(c *playbook.Card) drill.Presentation
	Grade(c *playbook.Card, a drill.Answer) drill.Result
	Record(c *playbook.Card, a drill.Answer, r drill.Result, rating playbook.Rating, cram bool, took time.Duration) (drill.Outcome, error)
	Feedback(c *playbook.Card, text string) error
	Dispute(c *playbook.Card, att playbook.Attempt, r drill.Result) (playbook.Dispute, error)
	Weakest(n int) ([]drill.CardReport, error)
	PassMark() float64
}

// engineFactory makes an engine for a playbook and rep.
type engineFactory func(book *playbook.Playbook, store playbook.Store, opt drill.Options) engine

func realEngine(book *playbook.Playbook, store playbook.Store, opt drill.Options) engine {
	return drill.New(book, store, opt)
}
