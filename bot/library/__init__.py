"""The library of pieces: documents people bring (files, URLs), stored, scoped and indexed.

`service.Library` is the API front ends call (`service.library_for` builds the usual one);
`scope.Reader` says who asks and where; `errors.PieceError` is the one error, with a reason
code; `store.PieceStore` is the storage interface (`bot.storage.pieces` implements it on
SQLite). Nothing is imported here, so `bot.library.errors` stays cheap to import.
"""
