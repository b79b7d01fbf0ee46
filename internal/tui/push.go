package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// pushTimeout bounds a background push.
const pushTimeout = 2 * time.Minute

// pusher runs the push after a session: one at a time, in the
// background, never in the way of drilling.
type pusher struct {
	run     func(ctx context.Context) (string, error)
	ctx     context.Context
	unsent  bool // answers were recorded since the last push began
	running bool
	last    string // how the last push went, for Home
	lastErr bool
	at      time.Time
}

// pushedMsg is the result of a background push.
type pushedMsg struct {
	text string
	err  error
}

// start begins a push when push is on, answers wait, and none is running.
func (p *pusher) start() tea.Cmd {
	if p.run == nil || !p.unsent || p.running {
		return nil
	}
	p.unsent, p.running = false, true
	run, parent := p.run, p.ctx
	if parent == nil {
		parent = context.Background()
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, pushTimeout)
		defer cancel()
		text, err := run(ctx)
		return pushedMsg{text: text, err: err}
	}
}

// done records how a push went.
func (p *pusher) done(msg pushedMsg, now time.Time) {
	p.running, p.at = false, now
	if msg.err != nil {
		p.last, p.lastErr = "Push to the LRS failed, tried again after the next session: "+cleanLine(msg.err.Error()), true
		p.unsent = true
		return
	}
	p.last, p.lastErr = msg.text, false
}

// line is Home's line about the last push, "" before any.
func (p *pusher) line(st styles) string {
	switch {
	case p.running:
		return st.faint.Render("Sending new answers to the LRS…")
	case p.last == "":
		return ""
	case p.lastErr:
		return st.statusErr.Render(p.last)
	}
	return st.faint.Render("Last push " + p.at.Format("15:04") + ": " + p.last)
}
