// Command tuifloor is the floor of the TUI start-up benchmark: the smallest
// Bubble Tea program that links glamour (whose package init dominates
// start-up), drawing one frame and quitting on any key.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() tea.View {
	v := tea.NewView("▌ floor ready")
	v.AltScreen = true
	return v
}

// linked keeps glamour in the binary, as in playdrill.
var linked = glamour.NewTermRenderer

func main() {
	if linked == nil {
		os.Exit(2)
	}
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
