import sys

from audiolab.cli.main import main

sys.exit(main())
