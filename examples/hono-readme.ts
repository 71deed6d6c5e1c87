// @hono/clerk-auth's README usage ("How to Use"), with only the import changed to clerk-edge/hono.
// tests/package runs this file as a Wrangler-built Worker in workerd and with `deno serve`,
// against the local mock API (CLERK_SECRET_KEY, CLERK_PUBLISHABLE_KEY, CLERK_API_URL from env).
import { clerkMiddleware, getAuth } from 'clerk-edge/hono'
import { Hono } from 'hono'

const app = new Hono()

app.use('*', clerkMiddleware())
app.get('/', (c) => {
  const { userId } = getAuth(c)

  if (!userId) {
    return c.json({
      message: 'You are not logged in.',
    })
  }

  return c.json({
    message: 'You are logged in!',
    userId,
  })
})

export default app
