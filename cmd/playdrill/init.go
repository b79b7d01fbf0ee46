package main

import "github.com/spf13/cobra"

func (a *app) initCmd() *cobra.Command { return notYet("init") }
