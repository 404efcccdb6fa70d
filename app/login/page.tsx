import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Sign in · Switchboard" };

export default function LoginPage() {
  return (
    <main>
      <h1>Sign in</h1>
      <div className="card">
        <LoginForm />
      </div>
    </main>
  );
}
