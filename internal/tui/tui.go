// Package tui is playdrill's full-screen terminal front end on the drill
// engine: home, learn, drill and progress screens.
package tui

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run runs the TUI until the rep quits, the context ends or the terminal
// goes away. The terminal is restored before Run returns.
func Run(ctx context.Context, cfg Config) error {
	m := New(cfg)
	m.c.push.ctx = ctx // a push in flight ends with the program
	return runModel(ctx, m, cfg)
}

func runModel(ctx context.Context, m *Model, cfg Config) error {
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithoutSignalHandler()}
	if cfg.Input != nil {
		opts = append(opts, tea.WithInput(cfg.Input))
	}
	if cfg.NoColor {
		// Bubbles' own styles carry colour too; the Ascii profile strips
		// every colour while keeping bold and reverse.
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	if cfg.Output != nil {
		opts = append(opts, tea.WithOutput(cfg.Output))
	}
	p := tea.NewProgram(m, opts...)

	if cfg.WatchPath != "" && cfg.Reload != nil {
		stop, err := watch(cfg.WatchPath, p.Send)
		if err == nil {
			defer stop()
		}
		// Without a watcher the app still works; the rep restarts it to
		// see edits.
	}

	// Signals are handled here rather than by Bubble Tea, so that every
	// one that ends the program restores the terminal first (SIGQUIT's
	// default would dump goroutines with the terminal raw, and a closed
	// window sends SIGHUP) and so that Run can report it.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	got := make(chan os.Signal, 1)
	go func() {
		defer func() { _ = recover() }()
		select {
		case s := <-sigs:
			got <- s
			p.Quit()
		case <-done:
			got <- nil
		}
	}()

	_, err := p.Run()
	close(done)
	if s := <-got; s != nil {
		return &SignalError{Signal: s}
	}
	if errors.Is(err, tea.ErrInterrupted) {
		return nil
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// stopSignals end the program, the terminal restored.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGQUIT, syscall.SIGHUP}

// SignalError says the program was stopped by a signal: the session ended
// without the rep quitting, which callers report with a non-zero exit.
type SignalError struct{ Signal os.Signal }

func (e *SignalError) Error() string { return "stopped by signal " + e.Signal.String() }
