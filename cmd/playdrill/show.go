package main

import "github.com/spf13/cobra"

func (a *app) showCmd() *cobra.Command { return notYet("show") }
