from unionoffice.cli import main

raise SystemExit(main())
